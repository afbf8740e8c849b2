package io.privacypal.app.cli;

import io.privacypal.common.queue.QueueProvisioner;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.app.local.EmbeddedQueueServer;
import java.util.concurrent.CountDownLatch;

/**
 * {@code privacypal sqs}: only the embedded SQS server with the job queue and its DLQ, so a gateway
 * and several workers can run as separate processes on one machine (as they would against SQS).
 */
final class SqsCommand implements Command {

  @Override
  public int run(CommandLine line) throws Exception {
    EmbeddedQueueServer server =
        EmbeddedQueueServer.start(
            line.config().getInt("PRIVACYPAL_SQS_PORT", QueueSettings.DEFAULT_SQS_PORT),
            line.config().getInt("PRIVACYPAL_MAX_RECEIVE_COUNT", QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT),
            line.config()
                .getInt(
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
