package io.privacypal.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {

  /**
   * The launcher's flags override the environment:
   * CommandFlagsTest.aVariableIsTheDefaultAndTheFlagWins.
   */
  @Test
  void aFlagAnswersForItsVariable() {
    assertThat(ConfigSource.variableFor("--http-port")).isEqualTo("PRIVACYPAL_HTTP_PORT");
    assertThat(ConfigSource.variableFor("worker-slots")).isEqualTo("PRIVACYPAL_WORKER_SLOTS");
    assertThat(ConfigSource.variableFor("--aws-region")).isEqualTo("AWS_REGION");
    assertThat(ConfigSource.variableFor("--aws-endpoint-url-sqs"))
        .isEqualTo("AWS_ENDPOINT_URL_SQS");
  }

  @Test
  void aBlankValueIsNoValue() {
    ConfigSource config = ConfigSource.of(Map.of("PRIVACYPAL_SQS_PORT", "  "));
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
        DirectoryStorageSettings.from(
            ConfigSource.of(Map.of("PRIVACYPAL_VIDEO_DIRECTORY", "/data/v")));
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
    assertThat(aws.endpoint("SQS"))
        .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9324));
    assertThat(aws.endpoint("S3")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(1));
    assertThat(AwsClientFactory.isLoopback(java.net.URI.create("http://localhost:9324"))).isTrue();
    assertThat(
            AwsClientFactory.isLoopback(
                java.net.URI.create("https://sqs.ca-central-1.amazonaws.com")))
        .isFalse();
  }
}
