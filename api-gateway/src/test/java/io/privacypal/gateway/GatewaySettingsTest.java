package io.privacypal.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.gateway.http.HttpTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

  private static GatewaySettings from(Map<String, String> env) {
    return GatewaySettings.from(ConfigSource.of(env));
  }

  @Test
  void defaultsServeOnPort8080OfThisMachineOnlyWithA64KiBLimitAndNoKeys() {
    GatewaySettings settings = from(Map.of());

    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(settings.maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(settings.authenticationRequired()).isFalse();
    assertThat(settings.corsOrigins()).isEmpty();
  }

  @Test
  void commaSeparatedListsAreTrimmed() {
    GatewaySettings settings =
        from(
            Map.of(
                "PRIVACYPAL_CORS_ORIGINS", " https://a.example , https://b.example,",
                "PRIVACYPAL_API_KEYS", "key-aaaaaaaaaaaaaaaa, key-bbbbbbbbbbbbbbbb"));

    assertThat(settings.corsOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(settings.apiKeys()).hasSize(2);
    assertThat(settings.authenticationRequired()).isTrue();
  }

  @Test
  void impossibleValuesAreRefusedAtStartUp() {
    assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_HTTP_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_HTTP_PORT");
    assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_HTTP_THREADS", "0")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_MAX_BODY_BYTES", "10")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_API_KEYS", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_API_KEYS_FILE", "/no/such/keys")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void slowClientsGetTenSecondsAndIdleConnectionsThirtyUnlessConfigured() {
    assertThat(from(Map.of()).timeouts())
        .isEqualTo(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
    assertThat(
            from(Map.of(
                    "PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS",
                    "3",
                    "PRIVACYPAL_HTTP_IDLE_TIMEOUT_SECONDS",
                    "75"))
                .timeouts())
        .isEqualTo(new HttpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(75)));
    assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS");
  }

  @Test
  void withKeysTheDefaultIsEveryInterfaceAndAnExplicitBindAlwaysWins() {
    String keys = "alice:alice-key-0123456789";
    assertThat(from(Map.of("PRIVACYPAL_API_KEYS", keys)).bindAddress()).isEqualTo("0.0.0.0");
    assertThat(
            from(Map.of("PRIVACYPAL_API_KEYS", keys, "PRIVACYPAL_HTTP_BIND", "10.0.0.5"))
                .bindAddress())
        .isEqualTo("10.0.0.5");
    assertThat(from(Map.of("PRIVACYPAL_HTTP_BIND", "0.0.0.0")).bindAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void malformedKeyEntriesAreRefusedWithoutShowingTheKey() {
    for (String bad :
        List.of(
            "alice:short",
            "bad name:alice-key-0123456789",
            "alice:alice-key-0123456789:root",
            "a:b:c:alice-key-0123456789",
            ":alice-key-0123456789",
            "alice:alice-key-0123456789,bob:alice-key-0123456789",
            "alice:alice-key-0123456789:admin,alice:alice-key-9876543210")) {
      assertThatThrownBy(() -> from(Map.of("PRIVACYPAL_API_KEYS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("entry")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("key-0123456789", "short"));
    }
  }

  @Test
  void theKeysNeverAppearInTheSettingsText() {
    GatewaySettings settings =
        new GatewaySettings(
            0,
            "127.0.0.1",
            4096,
            2,
            List.of(),
            List.of("secret-key-0123456789"),
            HttpTimeouts.DEFAULTS);

    assertThat(settings.toString()).doesNotContain("secret-key").contains("apiKeys=1 configured");
  }
}
