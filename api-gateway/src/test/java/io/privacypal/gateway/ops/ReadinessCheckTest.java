package io.privacypal.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
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
