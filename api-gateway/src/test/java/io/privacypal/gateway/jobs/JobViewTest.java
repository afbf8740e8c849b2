package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.StageTime;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobViewTest extends GatewayTestSupport {
  private final Instant t0 = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void aSucceededJobShowsItsOutputAttemptsAndDetectorCallsPerVideoMinute() {
    JobId id = JobId.of("done-1");
    statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), t0));
    statuses.update(id, s -> s.processing(2, "w1", t0.plusSeconds(1)));
    statuses.update(
        id,
        s ->
            s.succeeded(
                "/out/clip-processed.mp4", new JobStats(900, 100, 30, 12), t0.plusSeconds(9)));

    JsonNode view = json(get("/api/v1/jobs/done-1"));

    assertThat(view.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(view.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(view.get("output").asText()).isEqualTo("/out/clip-processed.mp4");
    assertThat(view.get("attempts").asInt()).isEqualTo(2);
    assertThat(view.get("error").isNull()).isTrue();
    assertThat(view.get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(view.get("updatedAt").asText()).isEqualTo("2026-01-02T03:04:14Z");
    assertThat(view.get("stats").get("detectorCalls").asLong()).isEqualTo(100);
    assertThat(view.get("stats").get("detectorCallsPerVideoMinute").asDouble()).isEqualTo(200.0);
  }

  @Test
  void aRunningJobShowsTheTimeLeftAndWhereItsTimeWent() {
    JobId id = JobId.of("running-1");
    statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), t0));
    statuses.update(id, s -> s.processing(1, "w1", t0.plusSeconds(1)));
    JobStats soFar =
        new JobStats(
            300,
            10,
            10,
            4,
            "local",
            "model",
            8.5,
            Map.of("decode", new StageTime(3.9, 1.2), "firstFrame", new StageTime(0.3, null)));
    statuses.update(id, s -> s.progressed(0.3, soFar, t0.plusSeconds(5)));

    JsonNode stats = json(get("/api/v1/jobs/running-1")).get("stats");

    assertThat(stats.get("secondsLeft").asDouble()).isEqualTo(8.5);
    assertThat(stats.get("stages").get("decode").get("cpuSeconds").asDouble()).isEqualTo(1.2);
    assertThat(stats.get("stages").get("firstFrame").get("cpuSeconds").isNull()).isTrue();
  }

  @Test
  void aFailedJobShowsTheReasonAndItsKind() {
    JobId id = JobId.of("failed-1");
    statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), t0));
    statuses.update(
        id,
        s ->
            s.failed(
                JobFailure.of(FailureKind.INVALID_INPUT, "not a video file"), t0.plusSeconds(2)));

    JsonNode view = json(get("/api/v1/jobs/failed-1"));

    assertThat(view.get("state").asText()).isEqualTo("FAILED");
    assertThat(view.get("error").asText()).isEqualTo("not a video file");
    assertThat(view.get("errorKind").asText()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void anUnknownJobIdIs404Json() {
    HttpResponse<String> response = get("/api/v1/jobs/no-such-job");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).contains("no-such-job");
    assertThat(json(response).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void anInvalidJobIdIs400() {
    HttpResponse<String> response = get("/api/v1/jobs/bad%20id!");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).contains("invalid job id");
  }
}
