package io.privacypal.app.cli;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewaySettings;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code privacypal gateway}: the HTTP API against a configured queue. */
@Command(name = "gateway", description = "The HTTP API against a configured queue (--queue-url).")
final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin GatewayOptions gateway;
  @Mixin QueueOptions queue;
  @Mixin StorageOptions storage;
  @Mixin AwsOptions aws;

  @Override
  public Integer call() throws Exception {
    ConfigSource config = CommandSettings.of(spec);
    GatewaySettings settings = GatewaySettings.from(config);
    Storage storage = Storage.from(config);
    String queueUrl = QueueSettings.from(config).queueUrl();
    SqsClient sqs = new AwsClientFactory(config).sqs();
    GatewayServer server =
        new GatewayServer(
            settings,
            storage.statuses(),
            storage.videos(),
            new JobQueue(sqs, queueUrl),
            Clock.systemUTC());
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
