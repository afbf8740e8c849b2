package io.privacypal.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

  @Test
  void flagsOverrideTheEnvironment() {
    ConfigSource config =
        ConfigSource.of(
            Map.of("PRIVACYPAL_HTTP_PORT", "8080", "PRIVACYPAL_WORKER_SLOTS", "2"),
            List.of("--http-port=9090", "--worker-slots", "4", "--aws-region", "eu-west-1"));

    assertThat(config.getInt("PRIVACYPAL_HTTP_PORT", 0)).isEqualTo(9090);
    assertThat(config.getInt("PRIVACYPAL_WORKER_SLOTS", 0)).isEqualTo(4);
    assertThat(config.get("AWS_REGION")).contains("eu-west-1");
    assertThat(config.getInt("PRIVACYPAL_SQS_PORT", 9324)).isEqualTo(9324);
  }

  @Test
  void aBadNumberNamesTheSetting() {
    ConfigSource config = ConfigSource.of(Map.of("PRIVACYPAL_HTTP_PORT", "eighty"));
    assertThatThrownBy(() -> config.getInt("PRIVACYPAL_HTTP_PORT", 0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PRIVACYPAL_HTTP_PORT must be a whole number, got 'eighty'");
  }

  @Test
  void storageDefaultsFollowTheVideoDirectory() {
    DirectoryStorageSettings settings =
        DirectoryStorageSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_VIDEO_DIRECTORY", "/data/v")));
    assertThat(settings.outputDirectory()).hasToString("/data/v/processed");
    assertThat(settings.statusDirectory()).hasToString("/data/v/.privacypal");
  }

  @Test
  void awsClientsTakeTheRegionDefaultAndServiceEndpoints() {
    AwsClientFactory aws =
        new AwsClientFactory(
            ConfigSource.of(
                Map.of(
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                    "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324")));
    assertThat(aws.region().id()).isEqualTo("ca-central-1");
    assertThat(aws.endpoint("SQS")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9324));
    assertThat(aws.endpoint("S3")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(1));
    assertThat(AwsClientFactory.isLoopback(java.net.URI.create("http://localhost:9324"))).isTrue();
    assertThat(AwsClientFactory.isLoopback(java.net.URI.create("https://sqs.ca-central-1.amazonaws.com"))).isFalse();
  }
}
