package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CancelJobTest extends GatewayTestSupport {
  private final Instant t0 = Instant.parse("2026-01-02T03:04:05Z");

  private HttpResponse<String> cancel(String id) {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/jobs/" + id + "/cancel"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private JobId stored(String id) {
    JobId jobId = JobId.of(id);
    statuses.createIfAbsent(JobStatus.queued(jobId, "clip.mp4", JobOptions.defaults(), t0));
    return jobId;
  }

  @Test
  void aQueuedJobIsCancelled() {
    video("clip.mp4");
    String id = json(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();

    HttpResponse<String> response = cancel(id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("state").asText()).isEqualTo("CANCELLED");
    assertThat(statuses.find(JobId.of(id)).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void aProcessingJobIsCancelled() {
    JobId id = stored("running-1");
    statuses.update(id, s -> s.processing(1, "w1", t0.plusSeconds(1)));

    assertThat(cancel("running-1").statusCode()).isEqualTo(200);
    assertThat(statuses.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void aFinishedJobIs409AndStaysFinished() {
    JobId id = stored("done-1");
    statuses.update(id, s -> s.processing(1, "w1", t0.plusSeconds(1)));
    statuses.update(
        id, s -> s.succeeded("/out/x.mp4", new JobStats(1, 1, 1, 1), t0.plusSeconds(2)));

    HttpResponse<String> response = cancel("done-1");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).get("error").asText()).contains("already finished (SUCCEEDED)");
    assertThat(statuses.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void anAlreadyCancelledJobIs409() {
    JobId id = stored("cancelled-1");
    statuses.update(id, s -> s.cancelled(t0.plusSeconds(1)));

    assertThat(cancel("cancelled-1").statusCode()).isEqualTo(409);
  }

  @Test
  void cancellingAnUnknownJobIs404() {
    HttpResponse<String> response = cancel("nobody");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("status").asInt()).isEqualTo(404);
  }
}
