package io.privacypal.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.DetectorKind;
import io.privacypal.common.json.Json;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.OutputCheck;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path as a user meets it: the embedded SQS server, the HTTP gateway and a worker in one
 * process; a video built from a real photo of people goes in over HTTP and comes back blurred.
 */
class AllInOneProcessEndToEndTest {
  @TempDir static Path videos;
  static AllInOneProcess stack;
  static TestVideo clip;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    clip = TestVideos.still(videos, FacePhotos.sample(3), true);
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "PRIVACYPAL_VIDEO_DIRECTORY", videos.toString(),
                "PRIVACYPAL_HTTP_PORT", "0",
                "PRIVACYPAL_HTTP_BIND", "127.0.0.1",
                "PRIVACYPAL_SQS_PORT", "0",
                "PRIVACYPAL_WORKER_SLOTS", "2",
                "PRIVACYPAL_POLL_WAIT_SECONDS", "1",
                "PRIVACYPAL_SHUTDOWN_GRACE_SECONDS", "1"));
    stack =
        AllInOneProcess.start(
            config, c -> new Detectors(DetectorKind.LOCAL, kind -> new OpenCvFaceDetector()));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  private static JsonNode awaitFinished(String jobId) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              last[0] = json(send("GET", "/api/v1/jobs/" + jobId, null, null));
              return List.of("SUCCEEDED", "FAILED", "CANCELLED")
                  .contains(last[0].path("state").asText());
            });
    return last[0];
  }

  @Test
  void aVideoSubmittedOverHttpComesBackWithEveryFaceBlurredAndItsSound() throws Exception {
    String name = videos.relativize(clip.file()).toString();

    HttpResponse<String> submitted =
        send("POST", "/api/v1/jobs", "application/json", "{\"video\":\"" + name + "\"}");

    assertThat(submitted.statusCode()).isEqualTo(202);
    JsonNode job = json(submitted);
    assertThat(job.path("state").asText()).isEqualTo("QUEUED");
    assertThat(submitted.headers().firstValue("Location"))
        .contains("/api/v1/jobs/" + job.path("jobId").asText());

    JsonNode done = awaitFinished(job.path("jobId").asText());
    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
    Path output = Path.of(done.path("output").asText());
    assertThat(output).exists().hasFileName(job.path("jobId").asText() + ".output.mp4");
    // PrivacyPal's name for it holds the same bytes.
    Path alias =
        output.getParent().getParent().resolve(name.replace(".mp4", "") + "-processed.mp4");
    assertThat(alias).hasSameBinaryContentAs(output);

    assertThat(OutputCheck.streams(output)).contains("h264,video,yuv420p").contains("audio");
    List<byte[]> in = RawFrames.gray(clip.file(), TestVideos.WIDTH, TestVideos.HEIGHT);
    List<byte[]> out = RawFrames.gray(output, TestVideos.WIDTH, TestVideos.HEIGHT);
    assertThat(out.size()).isBetween(in.size() - 1, in.size() + 1);
    OutputCheck check = new OutputCheck(clip);
    int frames = Math.min(in.size(), out.size());
    double[] weakest = check.weakestFaceChange(in.subList(0, frames), out.subList(0, frames));
    for (int n = 0; n < frames; n++) {
      assertThat(weakest[n]).as("face change in frame %d", n).isGreaterThan(6.0);
    }
    assertThat(check.largestBackgroundChange(in.subList(0, frames), out.subList(0, frames)))
        .isLessThan(2.5);

    String metrics = send("GET", "/metrics", null, null).body();
    assertThat(metrics)
        .contains("privacypal_jobs_finished_total{outcome=\"succeeded\"}")
        .contains("privacypal_job_duration_seconds_count")
        .contains("privacypal_job_frames_per_second_count")
        .contains("privacypal_worker_slots 2.0")
        .containsPattern("privacypal_detector_calls_total [1-9]")
        .containsPattern("privacypal_queue_messages\\{kind=\"visible\",queue=\"dlq\"\\} 0.0");
  }

  @Test
  void thePrivacyPalFrontEndsCallsWorkUnchanged() throws Exception {
    String name = videos.relativize(clip.file()).toString();

    HttpResponse<String> started = send("POST", "/process_video?filename=" + name, null, null);
    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(started.body()).isEqualTo("Success: file exists.");
    assertThat(send("POST", "/process_video?filename=missing.mp4", null, null).statusCode())
        .isEqualTo(404);

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                send("GET", "/process_status?filename=" + name, null, null).body().equals("True"));
    assertThat(send("GET", "/health", null, null).body()).isEqualTo("{}");
  }

  @Test
  void badInputIsRefusedAtTheDoorOrFailsTheJobWithAReason() throws Exception {
    Files.writeString(videos.resolve("notes.mp4"), "this is not a video");

    assertThat(
            send("POST", "/api/v1/jobs", "application/json", "{\"video\":\"../etc/passwd\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send("POST", "/api/v1/jobs", "application/json", "{\"video\":\"nope.mp4\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "/api/v1/jobs", "application/json", "{\"video\":").statusCode())
        .isEqualTo(400);

    JsonNode job =
        json(send("POST", "/api/v1/jobs", "application/json", "{\"video\":\"notes.mp4\"}"));
    JsonNode done = awaitFinished(job.path("jobId").asText());

    assertThat(done.path("state").asText()).isEqualTo("FAILED");
    assertThat(done.path("error").asText()).containsIgnoringCase("not a readable video");
    assertThat(videos.resolve("processed/notes-processed.mp4")).doesNotExist();
  }
}
