package io.privacypal.app.cli;

import io.privacypal.app.local.EmbeddedQueueServer;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.queue.QueueProvisioner;
import io.privacypal.common.queue.QueueSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code privacypal sqs}: only the embedded SQS server with the job queue and its DLQ, so a gateway
 * and several workers can run as separate processes on one machine (as they would against SQS).
 */
@Command(
    name = "sqs",
    description = "Only the embedded SQS server with the job queue and its dead-letter queue.")
final class SqsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DeliveryOptions delivery;

  @Option(
      names = "--sqs-port",
      paramLabel = "PORT",
      description = "port to listen on (default " + QueueSettings.DEFAULT_SQS_PORT + ")")
  Integer sqsPort;

  @Override
  public Integer call() throws Exception {
    ConfigSource config = CommandSettings.of(spec);
    EmbeddedQueueServer server =
        EmbeddedQueueServer.start(
            config.getInt("PRIVACYPAL_SQS_PORT", QueueSettings.DEFAULT_SQS_PORT),
            config.getInt(
                "PRIVACYPAL_MAX_RECEIVE_COUNT", QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT),
            config.getInt(
                "PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS",
                QueueProvisioner.DEFAULT_VISIBILITY_TIMEOUT_SECONDS));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "privacypal-sqs-shutdown"));
    System.err.printf(
        "privacypal: SQS on %s%n  export AWS_ENDPOINT_URL_SQS=%s PRIVACYPAL_QUEUE_URL=%s%n",
        server.endpoint(), server.endpoint(), server.queueUrl());
    stopped.await();
    return 0;
  }
}
