package io.privacypal.common.testing;

import io.privacypal.common.queue.QueueProvisioner;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An embedded ElasticMQ server on a free loopback port, with the job queue and its DLQ. */
public final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server;
  private final SqsClient client;
  private final QueueProvisioner.Queues queues;
  private final String endpoint;

  private LocalSqs(int maxReceiveCount, int visibilityTimeoutSeconds) {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    endpoint = "http://127.0.0.1:" + port;
    client =
        SqsClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.CA_CENTRAL_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    queues =
        new QueueProvisioner(client)
            .create(
                "privacypal-jobs",
                "privacypal-jobs-dlq",
                maxReceiveCount,
                visibilityTimeoutSeconds);
  }

  public static LocalSqs start() {
    return new LocalSqs(3, 30);
  }

  public static LocalSqs start(int maxReceiveCount, int visibilityTimeoutSeconds) {
    return new LocalSqs(maxReceiveCount, visibilityTimeoutSeconds);
  }

  public SqsClient client() {
    return client;
  }

  public String endpoint() {
    return endpoint;
  }

  public String queueUrl() {
    return queues.queueUrl();
  }

  public String deadLetterQueueUrl() {
    return queues.deadLetterQueueUrl();
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
