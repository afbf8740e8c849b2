package io.privacypal.common.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds AWS SDK clients the standard way. Credentials come from the SDK's default chain (system
 * properties, environment keys with their session token, web identity, the profile named by
 * AWS_PROFILE including SSO, in AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, container and
 * instance roles). The region comes from AWS_REGION (or AWS_DEFAULT_REGION, or {@code aws.region}),
 * then the profile's {@code region}, then ca-central-1, as PrivacyPal used; instance metadata is
 * not asked, so a laptop never waits on it (ECS, EKS and Lambda set AWS_REGION). Endpoints come
 * from AWS_ENDPOINT_URL_&lt;SERVICE&gt; or AWS_ENDPOINT_URL.
 *
 * <p>The one convenience: a loopback endpoint (the embedded queue, a stub) with no credentials
 * configured at all gets placeholder keys, so the local stack runs offline.
 */
public final class AwsClientFactory {
  public static final String DEFAULT_REGION = "ca-central-1";

  /** Settings any of which means the operator configured credentials for the default chain. */
  private static final List<String> CREDENTIAL_SETTINGS =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_PROFILE",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

  private final ConfigSource config;

  public AwsClientFactory(ConfigSource config) {
    this.config = config;
  }

  public Region region() {
    return config
        .get("AWS_REGION")
        .or(() -> Optional.ofNullable(System.getProperty("aws.region")))
        .or(() -> config.get("AWS_DEFAULT_REGION"))
        .map(Region::of)
        .or(this::profileRegion)
        .orElse(Region.of(DEFAULT_REGION));
  }

  /** The {@code region} of the profile AWS_PROFILE names (or {@code default}), if it has one. */
  private Optional<Region> profileRegion() {
    String profile = config.get("AWS_PROFILE").orElse(null);
    try {
      return Optional.ofNullable(
          new AwsProfileRegionProvider(this::profileFile, profile).getRegion());
    } catch (SdkClientException e) {
      return Optional.empty(); // no profile file, or no region in it
    }
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

  /** Signs S3 URLs the way {@link #s3()} addresses the bucket (path style behind an override). */
  public S3Presigner s3Presigner() {
    Optional<URI> endpoint = endpoint("S3");
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(region())
            .credentialsProvider(credentials(endpoint))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public <B extends AwsClientBuilder<B, C>, C> C configure(B builder, String serviceEnvName) {
    Optional<URI> endpoint = endpoint(serviceEnvName);
    builder.region(region()).credentialsProvider(credentials(endpoint));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The credentials clients of this factory sign with. */
  public AwsCredentialsProvider credentials(Optional<URI> endpoint) {
    if (!credentialsConfigured() && endpoint.map(AwsClientFactory::isLoopback).orElse(false)) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
    // The profile and its file from our settings, so --aws-profile works as AWS_PROFILE does.
    DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
    config.get("AWS_PROFILE").ifPresent(chain::profileName);
    chain.profileFile(this::profileFile);
    return chain.build();
  }

  /**
   * The profiles as the SDK finds them, but at the paths of these settings (so flags work too):
   * AWS_CONFIG_FILE (default ~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials),
   * each if it exists.
   */
  private ProfileFile profileFile() {
    ProfileFile.Aggregator files = ProfileFile.aggregator();
    profilesAt("AWS_CONFIG_FILE", "config")
        .ifPresent(f -> files.addFile(profiles(f, ProfileFile.Type.CONFIGURATION)));
    profilesAt("AWS_SHARED_CREDENTIALS_FILE", "credentials")
        .ifPresent(f -> files.addFile(profiles(f, ProfileFile.Type.CREDENTIALS)));
    return files.build();
  }

  private Optional<Path> profilesAt(String setting, String nameInHome) {
    Path file =
        config
            .get(setting)
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(
                        config.get("HOME", System.getProperty("user.home")), ".aws", nameInHome));
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  private static ProfileFile profiles(Path file, ProfileFile.Type type) {
    return ProfileFile.builder().content(file).type(type).build();
  }

  private boolean credentialsConfigured() {
    return CREDENTIAL_SETTINGS.stream().anyMatch(name -> config.get(name).isPresent())
        || System.getProperty("aws.accessKeyId") != null
        || System.getProperty("aws.profile") != null;
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
