package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.video.PendingOutput;
import io.privacypal.gateway.GatewayTestSupport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutputDownloadTest extends GatewayTestSupport {
  private final Instant t0 = Instant.parse("2026-01-02T03:04:05Z");
  private final byte[] content = new byte[200_000];

  @BeforeEach
  void aFinishedJobWithAnOutput() throws IOException {
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    JobId id = JobId.of("done");
    Path output = Path.of(videos.outputLocation(id));
    Files.createDirectories(output.getParent());
    Files.write(output, content);
    statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), t0));
    statuses.update(id, s -> s.processing(1, "w", t0));
    statuses.update(id, s -> s.succeeded(output.toString(), new JobStats(1, 1, 1, 1), t0));
  }

  private HttpResponse<byte[]> download(String id, String range) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/jobs/" + id + "/output"));
    if (range != null) {
      request.header("Range", range);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theWholeOutputIsStreamedAsMp4() {
    HttpResponse<byte[]> response = download("done", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(content);
    assertThat(response.headers().firstValue("Content-Type")).contains("video/mp4");
    assertThat(response.headers().firstValue("Accept-Ranges")).contains("bytes");
  }

  @Test
  void aClosedRangeIs206WithThoseBytes() {
    HttpResponse<byte[]> response = download("done", "bytes=1000-1999");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).contains("bytes 1000-1999/200000");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
  }

  @Test
  void anOpenAndASuffixRangeAreServed() {
    assertThat(download("done", "bytes=199990-").body())
        .isEqualTo(Arrays.copyOfRange(content, 199_990, 200_000));
    HttpResponse<byte[]> suffix = download("done", "bytes=-5");
    assertThat(suffix.headers().firstValue("Content-Range")).contains("bytes 199995-199999/200000");
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 199_995, 200_000));
  }

  @Test
  void aRangePastTheEndIs416() {
    HttpResponse<byte[]> response = download("done", "bytes=200000-");

    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("Content-Range")).contains("bytes */200000");
  }

  @Test
  void anUnfinishedJobIs409() {
    statuses.createIfAbsent(
        JobStatus.queued(JobId.of("waiting"), "clip.mp4", JobOptions.defaults(), t0));

    HttpResponse<byte[]> response = download("waiting", null);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(new String(response.body())).contains("QUEUED");
  }

  @Test
  void anOutputPathOtherThanTheStoresIsNotServed() {
    JobId id = JobId.of("forged");
    statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), t0));
    statuses.update(id, s -> s.processing(1, "w", t0));
    statuses.update(id, s -> s.succeeded("/etc/passwd", new JobStats(1, 1, 1, 1), t0));

    assertThat(download("forged", null).statusCode()).isEqualTo(404);
  }

  /** What a worker does: the job's own output, then the alias for the name. */
  private void finishedJob(String id, String video, Instant submitted, String content)
      throws IOException {
    JobId job = JobId.of(id);
    statuses.createIfAbsent(JobStatus.queued(job, video, JobOptions.defaults(), submitted));
    statuses.update(job, s -> s.processing(1, "w", submitted));
    String location;
    try (PendingOutput output = videos.createOutput(video, job, 1)) {
      Files.writeString(output.path(), content);
      location = output.commit();
      output.publishAlias(submitted);
    }
    statuses.update(job, s -> s.succeeded(location, new JobStats(1, 1, 1, 1), submitted));
  }

  @Test
  void jobsOnTwoExtensionsOfOneNameEachServeTheirOwnOutput() throws IOException {
    video("a.mp4");
    video("a.mov");
    finishedJob("job-a", "a.mp4", t0, "A: faces blurred");
    finishedJob("job-b", "a.mov", t0.plusSeconds(1), "B: blurFaces false");

    assertThat(new String(download("job-a", null).body())).isEqualTo("A: faces blurred");
    assertThat(new String(download("job-b", null).body())).isEqualTo("B: blurFaces false");
    assertThat(Path.of(videos.aliasLocation("a.mp4"))).hasContent("B: blurFaces false");
  }

  @Test
  void cancellingAJobAfterItPublishedLeavesTheEarlierJobsOutputServed() throws IOException {
    finishedJob("job-a", "clip.mp4", t0, "A's");
    finishedJob("job-b", "clip.mp4", t0.plusSeconds(1), "B's");

    // B is cancelled in the moment after publishing: the worker removes B's output only.
    videos.deleteOutput("clip.mp4", JobId.of("job-b"));

    HttpResponse<byte[]> response = download("job-a", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body())).isEqualTo("A's");
    assertThat(download("job-b", null).statusCode()).isEqualTo(404);
  }
}
