package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.gateway.GatewayTestSupport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several clients on one gateway (real HTTP, real files, the embedded queue): none sees another's.
 */
class ClientIsolationTest extends GatewayTestSupport {
  private static final String ALICE = "alice-key-0123456789";
  private static final String BOB = "bob-key-0123456789ab";
  private static final String OPS = "ops-key-0123456789ab";
  private static final String PLAIN = "plain-key-0123456789";
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @BeforeEach
  void clients() {
    restartWith(
        Map.of(
            "PRIVACYPAL_API_KEYS",
            "alice:" + ALICE + ", bob:" + BOB + ", ops:" + OPS + ":admin, " + PLAIN));
    video("clip.mp4");
  }

  private HttpResponse<String> as(String key, String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request);
  }

  private String submitAs(String key) {
    HttpResponse<String> response = as(key, "POST", "/api/v1/jobs", "{\"video\": \"clip.mp4\"}");
    assertThat(response.statusCode()).isEqualTo(202);
    return json(response).get("jobId").asText();
  }

  private List<String> listedFor(String key) {
    List<String> ids = new ArrayList<>();
    for (JsonNode job : json(as(key, "GET", "/api/v1/jobs", null)).get("jobs")) {
      ids.add(job.get("jobId").asText());
    }
    return ids;
  }

  @Test
  void anotherClientGets404ForStatusOutputAndCancelAndNeverSeesTheJobListed() {
    String alices = submitAs(ALICE);

    assertThat(as(BOB, "GET", "/api/v1/jobs/" + alices, null).statusCode()).isEqualTo(404);
    assertThat(as(BOB, "GET", "/api/v1/jobs/" + alices + "/output", null).statusCode())
        .isEqualTo(404);
    assertThat(as(BOB, "POST", "/api/v1/jobs/" + alices + "/cancel", null).statusCode())
        .isEqualTo(404);
    assertThat(as(PLAIN, "GET", "/api/v1/jobs/" + alices, null).statusCode()).isEqualTo(404);
    assertThat(listedFor(BOB)).doesNotContain(alices);

    assertThat(statuses.find(JobId.of(alices)).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    JsonNode own = json(as(ALICE, "GET", "/api/v1/jobs/" + alices, null));
    assertThat(own.get("client").asText()).isEqualTo("alice");
    assertThat(listedFor(ALICE)).containsExactly(alices);
  }

  @Test
  void anAdminSeesEveryJobIncludingThoseStoredBeforeJobsHadOwners() {
    String alices = submitAs(ALICE);
    String plains = submitAs(PLAIN);
    JobId ownerless = JobId.of("from-before-owners");
    statuses.createIfAbsent(JobStatus.queued(ownerless, "clip.mp4", JobOptions.defaults(), T0));

    assertThat(listedFor(OPS)).contains(alices, plains, ownerless.value());
    assertThat(as(OPS, "GET", "/api/v1/jobs/" + ownerless, null).statusCode()).isEqualTo(200);
    assertThat(as(ALICE, "GET", "/api/v1/jobs/" + ownerless, null).statusCode()).isEqualTo(404);
    assertThat(listedFor(PLAIN)).containsExactly(plains);
    assertThat(as(OPS, "POST", "/api/v1/jobs/" + alices + "/cancel", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void idempotencyKeysArePerClient() {
    String body = "{\"video\": \"clip.mp4\"}";
    HttpResponse<String> alices =
        send(
            HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Authorization", "Bearer " + ALICE)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> bobs =
        send(
            HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("X-Api-Key", BOB)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(alices.statusCode()).isEqualTo(202);
    assertThat(bobs.statusCode()).isEqualTo(202);
    assertThat(bobs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(json(bobs).get("jobId").asText()).isNotEqualTo(json(alices).get("jobId").asText());
    assertThat(json(bobs).get("client").asText()).isEqualTo("bob");
  }

  @Test
  void thePrivacyPalRoutesActWithinTheCallersClient() {
    assertThat(as(ALICE, "POST", "/process_video?filename=clip.mp4", null).statusCode())
        .isEqualTo(202);

    assertThat(as(BOB, "GET", "/process_status?filename=clip.mp4", null).statusCode())
        .isEqualTo(404);
    HttpResponse<String> bobCancels =
        send(
            HttpRequest.newBuilder(uri("/cancel_process"))
                .header("X-Api-Key", BOB)
                .POST(HttpRequest.BodyPublishers.ofString("clip.mp4")));
    assertThat(bobCancels.statusCode()).isEqualTo(404);

    HttpResponse<String> alices = as(ALICE, "GET", "/process_status?filename=clip.mp4", null);
    assertThat(alices.statusCode()).isEqualTo(200);
    assertThat(alices.body()).isEqualTo("False");
  }

  @Test
  void aFailureReasonShownToAClientHasNoPathsAccountIdsArnsOrQueueUrls() {
    String id = submitAs(ALICE);
    String reason =
        "cannot read /srv/privacypal/videos/clip.mp4 for arn:aws:iam::123456789012:role/worker via"
            + " https://sqs.ca-central-1.amazonaws.com/123456789012/privacypal-jobs (account 123456789012)";
    statuses.update(
        JobId.of(id), s -> s.failed(JobFailure.of(FailureKind.TRANSIENT, reason), Instant.now()));

    String shown = json(as(ALICE, "GET", "/api/v1/jobs/" + id, null)).get("error").asText();
    String legacy = as(ALICE, "GET", "/process_status?filename=clip.mp4", null).body();

    for (String text : List.of(shown, legacy)) {
      assertThat(text)
          .startsWith(text == legacy ? "Error: processing failed: cannot read" : "cannot read")
          .doesNotContain("/srv", "123456789012", "arn:", "https://", "amazonaws")
          .contains("<path>", "<arn>", "<url>", "<account>");
    }
    // The operator's record keeps everything.
    assertThat(statuses.find(JobId.of(id)).orElseThrow().failure().reason()).isEqualTo(reason);
  }

  @Test
  void anUnreadableStatusFileNeverTurnsAListingInto500() throws IOException {
    String id = submitAs(ALICE);
    Files.writeString(statusDir.resolve("jobs").resolve("broken.json"), "{\"jobId\": ");

    HttpResponse<String> response = as(ALICE, "GET", "/api/v1/jobs", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(listedFor(ALICE)).containsExactly(id);
  }
}
