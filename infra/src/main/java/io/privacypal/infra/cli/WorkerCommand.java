package io.privacypal.infra.cli;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.Storage;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.worker.WorkerProcess;
import io.privacypal.worker.WorkerProcessShutdownHook;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.pipeline.DetectorChoosingProcessor;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.queue.ConsumerSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code privacypal worker}: one worker process with PRIVACYPAL_WORKER_SLOTS slots on the queue.
 * Operators scale by starting more of them on the same queue. SIGTERM stops it gracefully.
 */
final class WorkerCommand implements Command {
  private final WorkerWiring wiring;

  WorkerCommand(WorkerWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public int run(CommandLine line) throws Exception {
    ConsumerSettings settings = ConsumerSettings.from(line.config());
    PipelineSettings pipeline = PipelineSettings.from(line.config()); // refuses to start without ffmpeg
    Storage storage = Storage.from(line.config());
    String queueUrl = QueueSettings.from(line.config()).queueUrl();
    try (SqsClient sqs = new AwsClientFactory(line.config()).sqs();
        Detectors detectors = wiring.detectors(line.config())) {
      WorkerProcess worker =
          new WorkerProcess(
              sqs,
              queueUrl,
              storage.statuses(),
              storage.videos(),
              new DetectorChoosingProcessor(detectors, pipeline),
              settings);
      WorkerProcessShutdownHook.install(worker);
      worker.start();
      System.err.printf(
          "privacypal: worker %s with %d slots on %s%n", settings.workerId(), settings.slots(), queueUrl);
      worker.awaitStopped();
      return 0;
    }
  }
}
