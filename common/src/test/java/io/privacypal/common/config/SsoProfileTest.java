package io.privacypal.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * PrivacyPal's users sign in with {@code aws configure sso}: the SDK must read such a profile and
 * reach for the SSO token (proof that the sso and ssooidc modules are on the classpath), offline.
 */
class SsoProfileTest {
  @TempDir Path home;

  private ProfileFile ssoConfig() throws Exception {
    Path config = home.resolve("config");
    Files.writeString(
        config,
        """
        [sso-session privacypal]
        sso_start_url = https://example.awsapps.com/start
        sso_region = ca-central-1
        sso_registration_scopes = sso:account:access

        [profile privacypal-dev]
        sso_session = privacypal
        sso_account_id = 123456789012
        sso_role_name = PrivacypalWorker
        region = ca-central-1
        """);
    return ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
  }

  @Test
  void anSsoProfileIsReadWithItsAccountRoleAndSession() throws Exception {
    Profile profile = ssoConfig().profile("privacypal-dev").orElseThrow();

    assertThat(profile.property(ProfileProperty.SSO_ACCOUNT_ID)).contains("123456789012");
    assertThat(profile.property(ProfileProperty.SSO_ROLE_NAME)).contains("PrivacypalWorker");
    assertThat(profile.property("sso_session")).contains("privacypal");
    assertThat(profile.property(ProfileProperty.REGION)).contains("ca-central-1");
  }

  @Test
  void credentialsForAnSsoProfileNeedALoginNotAMissingModule() throws Exception {
    ProfileFile config = ssoConfig();
    String realHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString()); // no cached token is found under ~/.aws/sso
    try (ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder().profileFile(config).profileName("privacypal-dev").build()) {
      assertThatThrownBy(provider::resolveCredentials)
          .isInstanceOf(SdkClientException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage() + " " + e.getCause())
                      .containsIgnoringCase("token")
                      .doesNotContain("must be on the class path")
                      .doesNotContain("ClassNotFound"));
    } finally {
      System.setProperty("user.home", realHome);
    }
  }
}
