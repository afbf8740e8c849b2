package io.privacypal.app.cli;

import io.privacypal.app.ops.MetricsServer;
import io.privacypal.app.ops.QueueDepthGauges;
import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import io.privacypal.worker.WorkerProcess;
import io.privacypal.worker.WorkerProcessShutdownHook;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.pipeline.DetectorChoosingProcessor;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.segment.SegmentSettings;
import io.privacypal.worker.segment.Segmenter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code privacypal worker}: one worker process with PRIVACYPAL_WORKER_SLOTS slots on the queue.
 * Operators scale by starting more of them on the same queue. SIGTERM stops it gracefully.
 */
@Command(
    name = "worker",
    description = "A worker with --worker-slots job slots on the queue; start more to scale.")
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConsumerOptions consumer;
  @Mixin DeliveryOptions delivery;
  @Mixin PipelineOptions pipelineOptions;
  @Mixin DetectorOptions detector;
  @Mixin QueueOptions queue;
  @Mixin StorageOptions storage;
  @Mixin AwsOptions aws;

  @Option(
      names = "--http-bind",
      paramLabel = "ADDRESS",
      description = "address of the metrics endpoint (default 127.0.0.1)")
  String httpBind;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "the Prometheus endpoint; 0 any free port, off none (default 9464)")
  String metricsPort;

  @Override
  public Integer call() throws Exception {
    ConfigSource config = CommandSettings.of(spec);
    ConsumerSettings settings = ConsumerSettings.from(config);
    PipelineSettings pipeline = PipelineSettings.from(config); // refuses to start without ffmpeg
    // Load the native library before taking jobs: a load racing a SIGTERM fails for good.
    OpenCvNative.load();
    Storage storage = Storage.from(config);
    String queueUrl = QueueSettings.from(config).queueUrl();
    try (SqsClient sqs = new AwsClientFactory(config).sqs();
        Detectors detectors = Detectors.start(config)) {
      PrivacypalMetrics metrics = new PrivacypalMetrics();
      QueueDepthGauges.register(metrics, sqs, queueUrl);
      WorkerProcess worker =
          WorkerProcess.builder(sqs, queueUrl)
              .statuses(storage.statuses())
              .videos(storage.videos())
              .processor(new DetectorChoosingProcessor(detectors, pipeline))
              .segmenter(
                  new Segmenter(
                      new DetectorChoosingProcessor(detectors, pipeline),
                      pipeline,
                      SegmentSettings.from(config)))
              .settings(settings)
              .metrics(metrics)
              .build();
      String metricsPort = config.get("PRIVACYPAL_METRICS_PORT", "9464");
      if (!metricsPort.equals("off")) {
        try {
          String bind = MetricsServer.bindAddress(config);
          MetricsServer server = MetricsServer.start(metrics, bind, Integer.parseInt(metricsPort));
          System.err.printf("privacypal: worker metrics on %s:%d/metrics%n", bind, server.port());
        } catch (java.net.BindException e) {
          // A second worker on one machine: it still works, only unscraped.
          System.err.printf(
              "privacypal: metrics port %s is taken; this worker serves no metrics"
                  + " (set PRIVACYPAL_METRICS_PORT=0 for any free port)%n",
              metricsPort);
        }
      }
      WorkerProcessShutdownHook.install(worker);
      worker.start();
      System.err.printf(
          "privacypal: worker %s with %d slots on %s%n",
          settings.workerId(), settings.slots(), queueUrl);
      worker.awaitStopped();
      return 0;
    }
  }
}
