package io.privacypal.gateway.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyRoutesTest extends GatewayTestSupport {
  private final Instant t0 = Instant.parse("2026-01-02T03:04:05Z");

  private HttpResponse<String> processVideo(String rawFilename) {
    return send(
        HttpRequest.newBuilder(uri("/process_video?filename=" + rawFilename))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpResponse<String> cancelProcess(String file) {
    return send(
        HttpRequest.newBuilder(uri("/cancel_process"))
            .POST(HttpRequest.BodyPublishers.ofString(file)));
  }

  private JobId storedJob(String video, String id) {
    JobId jobId = JobId.of(id);
    statuses.createIfAbsent(JobStatus.queued(jobId, video, JobOptions.defaults(), t0));
    return jobId;
  }

  @Test
  void processVideoQueuesAJobWithDefaultOptions() {
    video("clip.mp4");

    HttpResponse<String> response = processVideo("clip.mp4");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("Success: file exists.");
    List<JobMessage> messages = queuedMessages();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).video()).isEqualTo("clip.mp4");
    assertThat(messages.get(0).options()).isEqualTo(JobOptions.defaults());
    assertThat(statuses.latestForVideo(null, "clip.mp4").orElseThrow().state())
        .isEqualTo(JobState.QUEUED);
  }

  @Test
  void processVideoOfAMissingFileIs404FileNotFound() {
    HttpResponse<String> response = processVideo("missing.mp4");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("Error: file not found");
    assertThat(queuedMessages()).isEmpty();
  }

  @Test
  void anEncodedPathEscapeInTheQueryIs400() {
    HttpResponse<String> response = processVideo("%2e%2e%2fsecret.mp4");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).contains("escapes");
    assertThat(queuedMessages()).isEmpty();
  }

  @Test
  void processVideoWithoutAFilenameIs400() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/process_video"))
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).contains("filename");
  }

  @Test
  void processStatusIsFalseWhileQueuedAndTrueOnceSucceeded() {
    JobId id = storedJob("clip.mp4", "legacy-1");
    assertThat(get("/process_status?filename=clip.mp4").body()).isEqualTo("False");

    statuses.update(id, s -> s.processing(1, "w1", t0.plusSeconds(1)));
    assertThat(get("/process_status?filename=clip.mp4").body()).isEqualTo("False");

    statuses.update(
        id,
        s -> s.succeeded("/out/clip-processed.mp4", new JobStats(1, 1, 1, 1), t0.plusSeconds(2)));
    HttpResponse<String> done = get("/process_status?filename=clip.mp4");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).isEqualTo("True");
  }

  @Test
  void processStatusAnswersForTheLatestJobOfTheFile() {
    JobId old = storedJob("clip.mp4", "old-1");
    statuses.update(old, s -> s.processing(1, "w1", t0));
    statuses.update(old, s -> s.succeeded("/out/a.mp4", new JobStats(1, 1, 1, 1), t0));
    storedJob("clip.mp4", "new-1");

    assertThat(get("/process_status?filename=clip.mp4").body()).isEqualTo("False");
  }

  @Test
  void processStatusOfAFailedJobIs409WithTheReason() {
    JobId id = storedJob("clip.mp4", "failed-1");
    statuses.update(id, s -> s.failed(JobFailure.of(FailureKind.INVALID_INPUT, "not a video"), t0));

    HttpResponse<String> response = get("/process_status?filename=clip.mp4");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).isEqualTo("Error: processing failed: not a video");
  }

  @Test
  void processStatusOfAFileWithoutAJobIs404() {
    assertThat(get("/process_status?filename=never.mp4").statusCode()).isEqualTo(404);
  }

  @Test
  void cancelProcessCancelsTheLatestJobOfTheFile() {
    JobId id = storedJob("clip.mp4", "to-cancel");

    HttpResponse<String> response = cancelProcess("clip.mp4");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(statuses.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(get("/process_status?filename=clip.mp4").body())
        .isEqualTo("Error: processing was cancelled");
  }

  @Test
  void cancelProcessOfAFinishedJobIs409() {
    JobId id = storedJob("clip.mp4", "finished");
    statuses.update(id, s -> s.cancelled(t0));

    assertThat(cancelProcess("clip.mp4").statusCode()).isEqualTo(409);
  }

  @Test
  void cancelProcessOfAFileWithoutAJobIs404() {
    assertThat(cancelProcess("never.mp4").statusCode()).isEqualTo(404);
  }

  @Test
  void healthIsAnEmptyJsonObject() {
    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
  }
}
