package io.privacypal.common.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds AWS SDK clients the standard way: region from AWS_REGION (default ca-central-1, as
 * PrivacyPal used), credentials from the default chain (environment, profiles, SSO, container and
 * instance roles; AWS_PROFILE and AWS_CONFIG_FILE choose the profile), and endpoints from AWS_ENDPOINT_URL_&lt;SERVICE&gt; or AWS_ENDPOINT_URL. A
 * loopback endpoint with no credentials configured (the embedded queue) gets placeholder keys, so
 * the local stack runs offline.
 */
public final class AwsClientFactory {
  public static final String DEFAULT_REGION = "ca-central-1";

  private final ConfigSource config;

  public AwsClientFactory(ConfigSource config) {
    this.config = config;
  }

  public Region region() {
    return Region.of(
        config
            .get("AWS_REGION")
            .or(() -> config.get("AWS_DEFAULT_REGION"))
            .orElse(DEFAULT_REGION));
  }

  /** The endpoint override for a service, e.g. {@code SQS} reads AWS_ENDPOINT_URL_SQS. */
  public Optional<URI> endpoint(String serviceEnvName) {
    return config
        .get("AWS_ENDPOINT_URL_" + serviceEnvName.toUpperCase(Locale.ROOT))
        .or(() -> config.get("AWS_ENDPOINT_URL"))
        .map(URI::create);
  }

  public SqsClient sqs() {
    return configure(SqsClient.builder(), "SQS");
  }

  /**
   * Path-style addressing when an endpoint is overridden: LocalStack and in-process S3 servers do
   * not resolve bucket-name subdomains.
   */
  public S3Client s3() {
    return configure(S3Client.builder().forcePathStyle(endpoint("S3").isPresent()), "S3");
  }

  public <B extends AwsClientBuilder<B, C>, C> C configure(B builder, String serviceEnvName) {
    Optional<URI> endpoint = endpoint(serviceEnvName);
    builder.region(region()).credentialsProvider(credentials(endpoint));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private AwsCredentialsProvider credentials(Optional<URI> endpoint) {
    boolean keysGiven = config.get("AWS_ACCESS_KEY_ID").isPresent();
    boolean profileGiven = config.get("AWS_PROFILE").isPresent();
    if (!keysGiven && !profileGiven && endpoint.map(AwsClientFactory::isLoopback).orElse(false)) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    if (keysGiven) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              config.get("AWS_ACCESS_KEY_ID").orElseThrow(),
              config.get("AWS_SECRET_ACCESS_KEY").orElse("")));
    }
    // The profile and its file from our settings, so --aws-profile works as AWS_PROFILE does.
    DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
    config.get("AWS_PROFILE").ifPresent(chain::profileName);
    config
        .get("AWS_CONFIG_FILE")
        .ifPresent(
            file ->
                chain.profileFile(
                    () ->
                        ProfileFile.builder()
                            .content(Path.of(file))
                            .type(ProfileFile.Type.CONFIGURATION)
                            .build()));
    return chain.build();
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
