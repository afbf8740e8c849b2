package io.privacypal.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.gateway.GatewayTestSupport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationTest extends GatewayTestSupport {
  private static final String KEY = "k-0123456789abcdef";
  private static final String FILE_KEY = "f-fedcba9876543210";

  @BeforeEach
  void withKeys() throws IOException {
    Path keyFile =
        Files.writeString(statusDir.resolve("keys.txt"), "# ops keys\n" + FILE_KEY + "\n");
    restartWith(
        Map.of(
            "PRIVACYPAL_API_KEYS",
            KEY + ", another-key-000000",
            "PRIVACYPAL_API_KEYS_FILE",
            keyFile.toString()));
  }

  private HttpResponse<String> getWith(String header, String value) {
    return send(HttpRequest.newBuilder(uri("/api/v1/jobs")).header(header, value).GET());
  }

  @Test
  void aRequestWithoutAKeyIs401Json() {
    HttpResponse<String> response = get("/api/v1/jobs");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("status").asInt()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void aBearerKeyOrAnXApiKeyIsAccepted() {
    assertThat(getWith("Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
    assertThat(getWith("X-Api-Key", KEY).statusCode()).isEqualTo(200);
    assertThat(getWith("X-Api-Key", FILE_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongKeyIs401AndIsNotEchoed() {
    HttpResponse<String> response = getWith("Authorization", "Bearer " + KEY + "x");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain(KEY);
  }

  @Test
  void legacyRoutesNeedAKeyToo() {
    assertThat(get("/process_status?filename=a.mp4").statusCode()).isEqualTo(401);
  }

  @Test
  void healthAndReadinessNeedNoKey() {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void theSettingsNeverPrintTheKeys() {
    assertThat(settings(Map.of("PRIVACYPAL_API_KEYS", KEY)).toString())
        .doesNotContain(KEY)
        .contains("apiKeys=1 configured");
  }
}
