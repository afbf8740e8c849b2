package io.privacypal.app.cli;

import io.privacypal.app.local.AllInOneProcess;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.config.DirectoryStorageSettings;
import io.privacypal.gateway.GatewaySettings;
import io.privacypal.worker.detect.Detectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code privacypal local}: the whole system in one process, until Ctrl-C or SIGTERM. */
@Command(
    name = "local",
    description = "Gateway + worker + embedded SQS queue (ElasticMQ) in one process, until Ctrl-C.")
final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;
  @Mixin GatewayOptions gateway;
  @Mixin ConsumerOptions consumer;
  @Mixin DeliveryOptions delivery;
  @Mixin PipelineOptions pipeline;
  @Mixin DetectorOptions detector;
  @Mixin AwsOptions aws;

  @Option(
      names = "--sqs-port",
      paramLabel = "PORT",
      description = "port of the embedded SQS server (default 9324)")
  Integer sqsPort;

  @Override
  public Integer call() throws Exception {
    ConfigSource config = CommandSettings.of(spec);
    CountDownLatch stopped = new CountDownLatch(1);
    AllInOneProcess stack = AllInOneProcess.start(config, Detectors::start);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "privacypal-local-shutdown"));
    GatewaySettings http = GatewaySettings.from(config);
    System.err.printf(
        "privacypal: serving http://%s:%d/  (videos in %s; Ctrl-C stops)%n",
        http.bindAddress(),
        stack.httpPort(),
        DirectoryStorageSettings.from(config).videoDirectory());
    if (!http.authenticationRequired()) {
      System.err.printf(
          "privacypal: no API keys, so %s; set PRIVACYPAL_API_KEYS=name:key,... (and"
              + " PRIVACYPAL_HTTP_BIND=0.0.0.0) to serve other machines%n",
          http.bindAddress().equals(GatewaySettings.LOOPBACK)
              ? "only this machine can reach it"
              : "anyone who reaches " + http.bindAddress() + " can use every job");
    }
    stopped.await();
    return 0;
  }
}
