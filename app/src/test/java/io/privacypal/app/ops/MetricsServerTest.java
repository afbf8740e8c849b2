package io.privacypal.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.metrics.PrivacypalMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  @Test
  void aWorkersMetricsListenWhereTheGatewayDoesAndOnThisMachineOnlyByDefault() throws Exception {
    assertThat(MetricsServer.bindAddress(ConfigSource.of(Map.of()))).isEqualTo("127.0.0.1");
    assertThat(
            MetricsServer.bindAddress(ConfigSource.of(Map.of("PRIVACYPAL_HTTP_BIND", "0.0.0.0"))))
        .isEqualTo("0.0.0.0");

    try (MetricsServer server = MetricsServer.start(new PrivacypalMetrics(), "127.0.0.1", 0)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }
  }
}
