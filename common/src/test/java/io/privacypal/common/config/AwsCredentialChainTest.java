package io.privacypal.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.testing.RecordingHttpEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials and region as operators hand them over: temporary keys from STS or SSO exports (with
 * AWS_SESSION_TOKEN), a profile with its own region. Each case runs the factory in a child JVM
 * whose environment is exactly what an operator would export, against a local endpoint that records
 * what the SDK puts on the wire.
 */
class AwsCredentialChainTest {
  private static final String SQS_JSON = "application/x-amz-json-1.0";

  @TempDir Path dir;
  private RecordingHttpEndpoint sqs;

  @BeforeEach
  void startEndpoint() throws IOException {
    sqs = new RecordingHttpEndpoint(SQS_JSON, "{\"QueueUrls\":[]}");
  }

  @AfterEach
  void stopEndpoint() {
    sqs.close();
  }

  @Test
  void aSessionTokenFromTheEnvironmentReachesTheWire() throws Exception {
    String output =
        probe(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "ASIATESTTEMPORARYKEY",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token-from-sts"));

    assertThat(output).contains("region=eu-west-1");
    assertThat(sqs.header("X-Amz-Security-Token")).containsExactly("token-from-sts");
    assertThat(sqs.header("Authorization").get(0))
        .contains("Credential=ASIATESTTEMPORARYKEY/")
        .contains("/eu-west-1/sqs/aws4_request");
  }

  @Test
  void aProfilesRegionAndKeysAreUsedWhenNoRegionIsExported() throws Exception {
    Path config = dir.resolve("config");
    Files.writeString(config, "[profile tokyo]\nregion = ap-northeast-1\n");
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[tokyo]\naws_access_key_id = AKIAPROFILEKEY\naws_secret_access_key = s\n"
            + "aws_session_token = profile-token\n");

    String output =
        probe(
            Map.of(
                "AWS_PROFILE", "tokyo",
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString()));

    assertThat(output).contains("region=ap-northeast-1");
    assertThat(sqs.header("Authorization").get(0))
        .contains("Credential=AKIAPROFILEKEY/")
        .contains("/ap-northeast-1/sqs/");
    assertThat(sqs.header("X-Amz-Security-Token")).containsExactly("profile-token");
  }

  @Test
  void aLoopbackEndpointWithNothingConfiguredSignsWithPlaceholderKeys() throws Exception {
    String output = probe(Map.of());

    assertThat(output).contains("region=" + AwsClientFactory.DEFAULT_REGION);
    assertThat(sqs.header("Authorization").get(0)).contains("Credential=local/");
    assertThat(sqs.header("X-Amz-Security-Token")).containsExactly("");
  }

  /** Runs {@link AwsClientProbe} with only these AWS variables (and the endpoint) set. */
  private String probe(Map<String, String> aws) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    AwsClientProbe.class.getName()))
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("PRIVACYPAL_"));
    // An empty home: no ~/.aws of this machine's user can answer instead of the test's files.
    env.put("HOME", dir.resolve("home").toString());
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ENDPOINT_URL_SQS", sqs.uri().toString());
    env.putAll(aws);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
