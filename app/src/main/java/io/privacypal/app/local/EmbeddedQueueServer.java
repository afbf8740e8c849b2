package io.privacypal.app.local;

import io.privacypal.common.queue.QueueProvisioner;
import io.privacypal.common.queue.QueueSettings;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded default queue: an ElasticMQ server speaking the SQS protocol on 127.0.0.1, with the
 * job queue and its dead-letter queue created through the same SDK calls used against real SQS.
 */
public final class EmbeddedQueueServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedQueueServer.class);

  private final SQSRestServer server;
  private final String endpoint;
  private final QueueProvisioner.Queues queues;

  private EmbeddedQueueServer(int port, int maxReceiveCount, int visibilityTimeoutSeconds) {
    TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1");
    server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
    int boundPort = server.waitUntilStarted().localAddress().getPort();
    endpoint = QueueSettings.localEndpoint(boundPort);
    try (SqsClient sqs = client()) {
      queues =
          new QueueProvisioner(sqs)
              .create(
                  QueueSettings.DEFAULT_QUEUE_NAME,
                  QueueSettings.DEFAULT_DLQ_NAME,
                  maxReceiveCount,
                  visibilityTimeoutSeconds);
    }
    log.info(
        "embedded SQS server listening endpoint={} queue={} dlq={} maxReceiveCount={}",
        endpoint,
        queues.queueUrl(),
        queues.deadLetterQueueUrl(),
        maxReceiveCount);
  }

  /** Starts on {@code port} (0 for any free port). */
  public static EmbeddedQueueServer start(
      int port, int maxReceiveCount, int visibilityTimeoutSeconds) {
    return new EmbeddedQueueServer(port, maxReceiveCount, visibilityTimeoutSeconds);
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

  /** A client for this server; the caller closes it. */
  public SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.CA_CENTRAL_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
