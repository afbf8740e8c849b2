package io.privacypal.common.config;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run in a child JVM with a chosen environment: prints the region the factory picks, then sends one
 * SQS request to AWS_ENDPOINT_URL_SQS, signed with the credentials the factory picks.
 */
public final class AwsClientProbe {
  private AwsClientProbe() {}

  public static void main(String[] args) {
    AwsClientFactory factory = new AwsClientFactory(ConfigSource.fromEnvironment());
    System.out.println("region=" + factory.region().id());
    try (SqsClient sqs = factory.sqs()) {
      sqs.listQueues();
    }
  }
}
