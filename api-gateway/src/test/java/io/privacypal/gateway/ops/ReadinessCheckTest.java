package io.privacypal.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.IdempotencyClaim;
import io.privacypal.common.status.JobNotFoundException;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.status.StatusStoreException;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReadinessCheckTest extends GatewayTestSupport {

  @Test
  void readyWhenTheQueueAndTheStoreAnswer() {
    HttpResponse<String> response = get("/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.get("checks").get("queue").asText()).isEqualTo("ok");
    assertThat(body.get("checks").get("statusStore").asText()).isEqualTo("ok");
  }

  @Test
  void notReadyWhenTheStatusStoreCannotBeRead() {
    server.stop();
    JobStatusStore unreadable =
        new JobStatusStore() {
          @Override
          public JobStatus createIfAbsent(JobStatus initial) {
            return initial;
          }

          @Override
          public Optional<JobStatus> find(JobId jobId) {
            throw new StatusStoreException("disk gone", new java.io.IOException("EIO"));
          }

          @Override
          public JobStatus update(JobId jobId, UnaryOperator<JobStatus> change) {
            throw new JobNotFoundException(jobId);
          }

          @Override
          public Optional<JobStatus> latestForVideo(String client, String video) {
            return Optional.empty();
          }

          @Override
          public List<JobStatus> recent(int limit) {
            return List.of();
          }

          @Override
          public Optional<IdempotencyClaim> claimIdempotencyKey(
              String key, IdempotencyClaim claim) {
            return Optional.empty();
          }

          @Override
          public void releaseIdempotencyKey(String key) {}
        };
    server =
        new GatewayServer(settings(Map.of()), unreadable, videos, queue, Clock.systemUTC()).start();

    HttpResponse<String> response = get("/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("checks").get("statusStore").asText())
        .isEqualTo("unavailable (StatusStoreException)");
    assertThat(response.body()).doesNotContain("disk gone");
  }

  @Test
  void notReadyWhenTheQueueDoesNotExist() {
    server.stop();
    JobQueue missing = new JobQueue(sqs.client(), sqs.queueUrl() + "-gone");
    server =
        new GatewayServer(settings(Map.of()), statuses, videos, missing, Clock.systemUTC()).start();

    HttpResponse<String> response = get("/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = json(response);
    assertThat(body.get("checks").get("queue").asText()).startsWith("unavailable");
    assertThat(body.get("checks").get("statusStore").asText()).isEqualTo("ok");
  }
}
