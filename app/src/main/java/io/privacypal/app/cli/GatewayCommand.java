package io.privacypal.app.cli;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewaySettings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code privacypal gateway}: the HTTP API against a configured queue. */
final class GatewayCommand implements Command {

  @Override
  public int run(CommandLine line) throws Exception {
    GatewaySettings settings = GatewaySettings.from(line.config());
    Storage storage = Storage.from(line.config());
    String queueUrl = QueueSettings.from(line.config()).queueUrl();
    SqsClient sqs = new AwsClientFactory(line.config()).sqs();
    GatewayServer server =
        new GatewayServer(settings, storage.statuses(), storage.videos(), new JobQueue(sqs, queueUrl), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  sqs.close();
                  stopped.countDown();
                },
                "privacypal-gateway-shutdown"));
    server.start();
    System.err.printf("privacypal: gateway on port %d, queue %s%n", server.port(), queueUrl);
    stopped.await();
    return 0;
  }
}
