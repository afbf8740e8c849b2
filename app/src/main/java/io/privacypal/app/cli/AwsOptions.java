package io.privacypal.app.cli;

import picocli.CommandLine.Option;

/**
 * What AwsClientFactory reads. Access keys have no flag: a command line is visible to every user of
 * the machine (ps), so AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY stay in the environment.
 */
final class AwsOptions {
  @Option(
      names = "--aws-region",
      paramLabel = "REGION",
      description = "all AWS clients (default ca-central-1)")
  String region;

  @Option(
      names = "--aws-default-region",
      paramLabel = "REGION",
      description = "used when no --aws-region is set")
  String defaultRegion;

  @Option(
      names = "--aws-profile",
      paramLabel = "PROFILE",
      description = "credentials and region from this profile (SSO profiles too)")
  String profile;

  @Option(
      names = "--aws-config-file",
      paramLabel = "FILE",
      description = "the profiles file (default ~/.aws/config)")
  String configFile;

  @Option(
      names = "--aws-shared-credentials-file",
      paramLabel = "FILE",
      description = "the profiles' keys (default ~/.aws/credentials)")
  String sharedCredentialsFile;

  @Option(
      names = "--aws-endpoint-url",
      paramLabel = "URL",
      description = "endpoint override for every AWS service (LocalStack)")
  String endpointUrl;

  @Option(
      names = "--aws-endpoint-url-sqs",
      paramLabel = "URL",
      description = "endpoint override for SQS")
  String endpointUrlSqs;

  @Option(
      names = "--aws-endpoint-url-s3",
      paramLabel = "URL",
      description = "endpoint override for S3")
  String endpointUrlS3;

  @Option(
      names = "--aws-endpoint-url-rekognition",
      paramLabel = "URL",
      description = "endpoint override for Rekognition")
  String endpointUrlRekognition;
}
