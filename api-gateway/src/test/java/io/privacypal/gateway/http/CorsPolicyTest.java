package io.privacypal.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorsPolicyTest extends GatewayTestSupport {
  private static final String APP = "https://app.example.org";

  @BeforeEach
  void withCors() {
    restartWith(
        Map.of("PRIVACYPAL_CORS_ORIGINS", APP, "PRIVACYPAL_API_KEYS", "k-0123456789abcdef"));
  }

  private HttpResponse<String> preflight(String origin, String path) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type, idempotency-key")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnsweredWithoutAKey() {
    HttpResponse<String> response = preflight(APP, "/api/v1/jobs");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Idempotency-Key", "Authorization");
  }

  @Test
  void aPreflightFromAnotherOriginIs403() {
    HttpResponse<String> response = preflight("https://evil.example", "/api/v1/jobs");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void answersToAnAllowedOriginCarryTheCorsHeadersEvenWhenRefused() {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Origin", APP).GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
    assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("Location");
  }

  @Test
  void aPreflightForAnUnknownRouteIsNotApproved() {
    HttpResponse<String> response = preflight(APP, "/nowhere");

    // Passed on to authentication, which refuses it before routing could reveal anything.
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }
}
