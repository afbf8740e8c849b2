package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.video.LocalVideo;
import io.privacypal.common.video.PendingFile;
import io.privacypal.common.video.PendingOutput;
import io.privacypal.common.video.VideoStore;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewayTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where the store hands out links (S3's presigned GETs; the signing itself is tested against the
 * in-JVM S3 server in {@code S3VideoStoreTest}), a finished job's output is a 307 to its link, so
 * the gateway streams nothing, under the same rules as a download from disk: the owner only, 409
 * before SUCCEEDED, and only the job's own output.
 */
class RemoteOutputDownloadTest extends GatewayTestSupport {
  private static final String ALICE = "alice-key-0123456789";
  private static final String BOB = "bob-key-012345678901";

  /** The directory store, with links of a made-up bucket for the outputs it holds. */
  private final class LinkingStore implements VideoStore {
    Duration askedFor;

    @Override
    public boolean exists(String video) {
      return videos.exists(video);
    }

    @Override
    public LocalVideo fetch(String video) throws IOException {
      return videos.fetch(video);
    }

    @Override
    public PendingOutput createOutput(String video, JobId job, int attempt) throws IOException {
      return videos.createOutput(video, job, attempt);
    }

    @Override
    public void deleteOutput(String video, JobId job) throws IOException {
      videos.deleteOutput(video, job);
    }

    @Override
    public String outputLocation(JobId job) {
      return videos.outputLocation(job);
    }

    @Override
    public PendingFile createSegment(JobId job, int index, int attempt) throws IOException {
      return videos.createSegment(job, index, attempt);
    }

    @Override
    public LocalVideo fetchSegment(JobId job, String location) throws IOException {
      return videos.fetchSegment(job, location);
    }

    @Override
    public void deleteSegments(JobId job) throws IOException {
      videos.deleteSegments(job);
    }

    @Override
    public Optional<URI> outputLink(JobId job, Duration validFor) {
      askedFor = validFor;
      return Files.isRegularFile(Path.of(outputLocation(job)))
          ? Optional.of(
              URI.create("https://bucket.example/jobs/" + job + ".output.mp4?X-Amz-Signature=s"))
          : Optional.empty();
    }

    @Override
    public String aliasLocation(String video) {
      return videos.aliasLocation(video);
    }
  }

  private final LinkingStore store = new LinkingStore();

  @Override
  protected GatewayServer newServer(Map<String, String> extraSettings) {
    Map<String, String> settings = new java.util.HashMap<>(extraSettings);
    settings.put("PRIVACYPAL_API_KEYS", "alice:" + ALICE + ",bob:" + BOB);
    return new GatewayServer(settings(settings), statuses, store, queue, Clock.systemUTC());
  }

  private JobId aliceFinishedAJob() throws IOException {
    JobId id = JobId.random();
    Instant now = Instant.now();
    statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", null, now, "alice"));
    statuses.update(id, s -> s.processing(1, "w1", now));
    try (PendingOutput output = videos.createOutput("clip.mp4", id, 1)) {
      Files.writeString(output.path(), "the anonymized video");
      output.commit();
    }
    statuses.update(id, s -> s.succeeded(videos.outputLocation(id), null, now));
    return id;
  }

  private HttpResponse<String> download(String key, JobId id) {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/jobs/" + id + "/output")).header("X-Api-Key", key));
  }

  @Test
  void theOwnerIsRedirectedToAShortLivedLinkOfTheJobsOwnOutput() throws IOException {
    JobId id = aliceFinishedAJob();

    HttpResponse<String> response = download(ALICE, id);

    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(response.headers().firstValue("Location"))
        .contains("https://bucket.example/jobs/" + id + ".output.mp4?X-Amz-Signature=s");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.body()).isEmpty();
    assertThat(store.askedFor).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anotherClientGetsNoLink() throws IOException {
    JobId id = aliceFinishedAJob();

    HttpResponse<String> response = download(BOB, id);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void anUnfinishedJobGetsNoLinkAndAStatusNamingAnotherOutputNeither() throws IOException {
    JobId queued = JobId.random();
    statuses.createIfAbsent(JobStatus.queued(queued, "clip.mp4", null, Instant.now(), "alice"));
    assertThat(download(ALICE, queued).statusCode()).isEqualTo(409);

    JobId other = aliceFinishedAJob();
    JobId forged = JobId.random();
    Instant now = Instant.now();
    statuses.createIfAbsent(JobStatus.queued(forged, "clip.mp4", null, now, "alice"));
    statuses.update(forged, s -> s.processing(1, "w1", now));
    statuses.update(forged, s -> s.succeeded(videos.outputLocation(other), null, now));
    HttpResponse<String> response = download(ALICE, forged);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }
}
