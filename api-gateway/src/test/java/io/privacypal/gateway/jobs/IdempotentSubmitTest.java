package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class IdempotentSubmitTest extends GatewayTestSupport {

  private HttpResponse<String> submit(String key, String body) {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/jobs"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void theSameKeyTwiceIsOneJobAndOneMessage() {
    video("clip.mp4");

    HttpResponse<String> first = submit("order-42", "{\"video\":\"clip.mp4\"}");
    HttpResponse<String> second = submit("order-42", "{ \"video\" : \"clip.mp4\" }");

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(json(second).get("jobId").asText()).isEqualTo(json(first).get("jobId").asText());
    assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(queuedMessages()).hasSize(1);
  }

  @Test
  void differentKeysAreDifferentJobs() {
    video("clip.mp4");

    String a = json(submit("key-a", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();
    String b = json(submit("key-b", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();

    assertThat(a).isNotEqualTo(b);
    assertThat(queuedMessages()).hasSize(2);
  }

  @Test
  void theSameKeyWithADifferentRequestIs422() {
    video("clip.mp4");
    video("other.mp4");
    submit("reused", "{\"video\":\"clip.mp4\"}");

    HttpResponse<String> response = submit("reused", "{\"video\":\"other.mp4\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).get("error").asText()).contains("different request");
    assertThat(queuedMessages()).hasSize(1);
  }

  @Test
  void aKeyStaysBoundAcrossARestart() {
    video("clip.mp4");
    String first = json(submit("durable", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();

    restartWith(Map.of());

    assertThat(json(submit("durable", "{\"video\":\"clip.mp4\"}")).get("jobId").asText())
        .isEqualTo(first);
    assertThat(queuedMessages()).hasSize(1);
  }

  @Test
  void aRefusedSubmitDoesNotUseUpTheKey() {
    assertThat(submit("early", "{\"video\":\"later.mp4\"}").statusCode()).isEqualTo(404);
    video("later.mp4");

    assertThat(submit("early", "{\"video\":\"later.mp4\"}").statusCode()).isEqualTo(202);
    assertThat(queuedMessages()).hasSize(1);
  }

  @Test
  void aKeyLongerThan255CharactersIs400() {
    video("clip.mp4");
    assertThat(submit("x".repeat(300), "{\"video\":\"clip.mp4\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void concurrentRequestsWithOneKeySendOneMessage() throws Exception {
    video("clip.mp4");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                  return submit("race", "{\"video\":\"clip.mp4\"}");
                },
                pool));
      }
      go.countDown();
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        // A loser that arrives before the winner has written the status is told to retry (409).
        assertThat(call.get().statusCode()).isIn(202, 409);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(queuedMessages()).hasSize(1);
  }
}
