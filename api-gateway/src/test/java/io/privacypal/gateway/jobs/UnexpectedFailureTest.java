package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.status.IdempotencyClaim;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class UnexpectedFailureTest extends GatewayTestSupport {

  /**
   * A store whose every read fails the way a bug would: not a fault the client can fix. The legacy
   * lookup throws an Error, as a broken class path would.
   */
  private static final class BrokenStore implements JobStatusStore {
    @Override
    public JobStatus createIfAbsent(JobStatus initial) {
      throw new IllegalStateException("secret internal detail");
    }

    @Override
    public Optional<JobStatus> find(JobId jobId) {
      throw new IllegalStateException("secret internal detail");
    }

    @Override
    public JobStatus update(JobId jobId, UnaryOperator<JobStatus> change) {
      throw new IllegalStateException("secret internal detail");
    }

    @Override
    public Optional<JobStatus> latestForVideo(String client, String video) {
      throw new AssertionError("secret internal detail");
    }

    @Override
    public List<JobStatus> recent(int limit) {
      throw new IllegalStateException("secret internal detail");
    }

    @Override
    public Optional<IdempotencyClaim> claimIdempotencyKey(String key, IdempotencyClaim claim) {
      throw new IllegalStateException("secret internal detail");
    }

    @Override
    public void releaseIdempotencyKey(String key) {
      throw new IllegalStateException("secret internal detail");
    }
  }

  @Override
  protected GatewayServer newServer(Map<String, String> extraSettings) {
    return new GatewayServer(
        settings(extraSettings), new BrokenStore(), videos, queue, Clock.systemUTC());
  }

  @Test
  void anUnexpectedExceptionIs500WithAGenericMessage() {
    HttpResponse<String> response = get("/api/v1/jobs/some-job");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).get("error").asText())
        .isEqualTo("internal error; see the gateway log");
    assertThat(response.body()).doesNotContain("secret", "IllegalStateException");
  }

  @Test
  void anErrorInAHandlerIsStill500RatherThanADroppedConnection() {
    HttpResponse<String> response = get("/process_status?filename=clip.mp4");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).get("error").asText())
        .isEqualTo("internal error; see the gateway log");
    assertThat(response.body()).doesNotContain("secret", "AssertionError");
  }
}
