package io.privacypal.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An IAM Identity Center (SSO) profile, as {@code aws configure sso} writes it, named by
 * AWS_PROFILE and AWS_CONFIG_FILE, is what the clients AwsClientFactory builds sign with. Offline:
 * the session name is unique, so no cached token exists and nothing calls AWS; the client fails for
 * want of the token before it sends anything.
 */
class SsoProfileTest {
  @TempDir Path dir;
  private Path profiles;

  @BeforeEach
  void writeConfig() throws IOException {
    String session = "privacypal-test-" + UUID.randomUUID();
    profiles = dir.resolve("config");
    Files.writeString(
        profiles,
        String.join(
            "\n",
            "[sso-session " + session + "]",
            "sso_region = ca-central-1",
            "sso_start_url = https://example.awsapps.com/start",
            "sso_registration_scopes = sso:account:access",
            "",
            "[profile dev]",
            "sso_session = " + session,
            "sso_account_id = 111122223333",
            "sso_role_name = PrivacypalDeveloper",
            "region = ca-central-1",
            ""));
  }

  /**
   * Without the sso module the SDK says it "must be on the class path"; with it, resolving fails
   * only for want of the cached token that {@code aws sso login} writes ("Unable to load SSO
   * token"). A factory that ignored the profile would fail on the default chain with no word of
   * SSO.
   */
  @Test
  void theFactorysClientsSignWithTheSsoProfileAndNeedOnlyAnSsoLogin() {
    AwsClientFactory aws =
        new AwsClientFactory(
            ConfigSource.of(
                Map.of(
                    "AWS_PROFILE", "dev",
                    "AWS_CONFIG_FILE", profiles.toString(),
                    "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:1")));

    try (SqsClient sqs = aws.sqs()) {
      assertThatThrownBy(sqs::listQueues)
          .satisfies(
              e ->
                  assertThat(fullMessage(e))
                      .doesNotContainIgnoringCase("class path")
                      .doesNotContainIgnoringCase("classpath")
                      .containsIgnoringCase("SSO token"));
    }
  }

  /** The SDK wraps the token failure; the reason may sit in a cause. */
  private static String fullMessage(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    }
    return text.toString();
  }
}
