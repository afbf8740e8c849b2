package io.privacypal.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * An IAM Identity Center (SSO) profile, as {@code aws configure sso} writes it, works with the
 * clients AwsClientFactory builds: the SDK reads it and the sso/ssooidc modules are on the class
 * path. Offline: the session name is unique, so no cached token exists and nothing calls AWS.
 */
class SsoProfileTest {
  @TempDir Path dir;
  private String session;
  private ProfileFile profiles;

  @BeforeEach
  void writeConfig() throws IOException {
    session = "privacypal-test-" + UUID.randomUUID();
    Path config = dir.resolve("config");
    Files.writeString(config, String.join("\n",
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
    profiles = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
  }

  @Test
  void sdkResolvesTheProfilesSsoAccountRoleAndSession() {
    Profile dev = profiles.profile("dev").orElseThrow();
    assertThat(dev.property(ProfileProperty.SSO_ACCOUNT_ID)).contains("111122223333");
    assertThat(dev.property(ProfileProperty.SSO_ROLE_NAME)).contains("PrivacypalDeveloper");
    assertThat(dev.property("sso_session")).contains(session);

    Profile ssoSession = profiles.getSection("sso-session", session).orElseThrow();
    assertThat(ssoSession.property(ProfileProperty.SSO_REGION)).contains("ca-central-1");
    assertThat(ssoSession.property(ProfileProperty.SSO_START_URL)).contains("https://example.awsapps.com/start");
  }

  /**
   * Without the sso module the SDK says it "must be on the class path"; with it, resolving fails
   * only for want of the cached token that {@code aws sso login} writes ("Unable to load SSO token").
   */
  @Test
  void credentialsNeedAnSsoLoginRatherThanMissingSdkModules() {
    ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder().profileFile(profiles).profileName("dev").build();
    try (provider) {
      assertThatThrownBy(provider::resolveCredentials)
          .satisfies(e -> assertThat(fullMessage(e))
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
