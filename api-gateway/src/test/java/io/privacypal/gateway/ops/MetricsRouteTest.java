package io.privacypal.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsRouteTest extends GatewayTestSupport {

  @Test
  void metricsCountSubmittedAndCancelledJobsInPrometheusFormat() {
    video("clip.mp4");
    postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}");
    String id = json(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();
    postJson("/api/v1/jobs/" + id + "/cancel", "{}");
    postJson("/api/v1/jobs", "{\"video\":\"missing.mp4\"}");

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("privacypal_jobs_submitted_total 2.0")
        .contains("privacypal_jobs_cancel_requests_total 1.0");
  }
}
