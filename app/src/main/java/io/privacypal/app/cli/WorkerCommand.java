package io.privacypal.app.cli;

import io.privacypal.app.ops.MetricsServer;
import io.privacypal.app.ops.QueueDepthGauges;
import io.privacypal.common.config.AwsClientFactory;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code privacypal worker}: one worker process with PRIVACYPAL_WORKER_SLOTS slots on the queue.
 * Operators scale by starting more of them on the same queue. SIGTERM stops it gracefully.
 */
final class WorkerCommand implements Command {
  private final DetectorFactory detectorFactory;

  WorkerCommand(DetectorFactory detectorFactory) {
    this.detectorFactory = detectorFactory;
  }

  @Override
  public int run(CommandLine line) throws Exception {
    ConsumerSettings settings = ConsumerSettings.from(line.config());
    PipelineSettings pipeline = PipelineSettings.from(line.config()); // refuses to start without ffmpeg
    // Load the native library before taking jobs: a load racing a SIGTERM fails for good.
    OpenCvNative.load();
    Storage storage = Storage.from(line.config());
    String queueUrl = QueueSettings.from(line.config()).queueUrl();
    try (SqsClient sqs = new AwsClientFactory(line.config()).sqs();
        Detectors detectors = detectorFactory.detectors(line.config())) {
      PrivacypalMetrics metrics = new PrivacypalMetrics();
      QueueDepthGauges.register(metrics, sqs, queueUrl);
      WorkerProcess worker =
          WorkerProcess.builder(sqs, queueUrl)
              .statuses(storage.statuses())
              .videos(storage.videos())
              .processor(new DetectorChoosingProcessor(detectors, pipeline))
              .settings(settings)
              .metrics(metrics)
              .build();
      String metricsPort = line.config().get("PRIVACYPAL_METRICS_PORT", "9464");
      if (!metricsPort.equals("off")) {
        try {
          String bind = MetricsServer.bindAddress(line.config());
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
          "privacypal: worker %s with %d slots on %s%n", settings.workerId(), settings.slots(), queueUrl);
      worker.awaitStopped();
      return 0;
    }
  }
}
