package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueUnavailableTest extends GatewayTestSupport {

  @Override
  protected GatewayServer newServer(Map<String, String> extraSettings) {
    JobQueue missing = new JobQueue(sqs.client(), sqs.queueUrl() + "-gone");
    return new GatewayServer(settings(extraSettings), statuses, videos, missing, Clock.systemUTC());
  }

  @Test
  void aSubmitTheQueueRefusesIs503AndTheJobIsRecordedAsFailed() {
    video("clip.mp4");

    HttpResponse<String> response = postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("error").asText()).contains("queue is unavailable");
    JobStatus stored = statuses.latestForVideo(null, "clip.mp4").orElseThrow();
    assertThat(stored.state()).isEqualTo(JobState.FAILED);
    assertThat(stored.failure().kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void anIdempotencyKeyIsGivenBackWhenTheQueueRefused() {
    video("clip.mp4");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/jobs"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "retry-me")
            .POST(HttpRequest.BodyPublishers.ofString("{\"video\":\"clip.mp4\"}"));
    assertThat(send(request).statusCode()).isEqualTo(503);

    // A retry is a new attempt, not a replay of the failed one.
    HttpResponse<String> retry = send(request);
    assertThat(retry.statusCode()).isEqualTo(503);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }
}
