package io.privacypal.app.local;

import io.privacypal.app.ops.QueueDepthGauges;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import io.privacypal.gateway.GatewayServer;
import io.privacypal.gateway.GatewaySettings;
import io.privacypal.worker.WorkerProcess;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.pipeline.DetectorChoosingProcessor;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.segment.SegmentSettings;
import io.privacypal.worker.segment.Segmenter;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded default in one process: an SQS server (ElasticMQ) with the job queue and its DLQ,
 * the HTTP gateway and a worker, all talking through the SQS protocol as separate processes would.
 */
public final class AllInOneProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AllInOneProcess.class);

  private final EmbeddedQueueServer queueServer;
  private final SqsClient gatewaySqs;
  private final SqsClient workerSqs;
  private final GatewayServer gateway;
  private final WorkerProcess worker;
  private final Detectors detectors;

  private AllInOneProcess(ConfigSource config, Function<ConfigSource, Detectors> detectorFactory) {
    ConsumerSettings consumerSettings = ConsumerSettings.from(config);
    PipelineSettings pipelineSettings = PipelineSettings.from(config);
    // Load the native library before taking jobs: a load racing a SIGTERM fails for good.
    OpenCvNative.load();
    // A stack whose detector cannot load refuses to start, before it serves anything.
    detectors = detectorFactory.apply(config);
    queueServer =
        EmbeddedQueueServer.start(
            config.getInt("PRIVACYPAL_SQS_PORT", QueueSettings.DEFAULT_SQS_PORT),
            consumerSettings.maxReceiveCount(),
            (int) consumerSettings.visibilityTimeout().toSeconds());
    Storage storage = Storage.from(config);
    gatewaySqs = queueServer.client();
    workerSqs = queueServer.client();
    PrivacypalMetrics metrics = new PrivacypalMetrics(); // one registry, served by the gateway
    QueueDepthGauges.register(metrics, gatewaySqs, queueServer.queueUrl());
    gateway =
        new GatewayServer(
            GatewaySettings.from(config),
            storage.statuses(),
            storage.videos(),
            new JobQueue(gatewaySqs, queueServer.queueUrl()),
            Clock.systemUTC(),
            metrics);
    worker =
        WorkerProcess.builder(workerSqs, queueServer.queueUrl())
            .statuses(storage.statuses())
            .videos(storage.videos())
            .processor(new DetectorChoosingProcessor(detectors, pipelineSettings))
            .segmenter(
                new Segmenter(
                    new DetectorChoosingProcessor(detectors, pipelineSettings),
                    pipelineSettings,
                    SegmentSettings.from(config)))
            .settings(consumerSettings)
            .metrics(metrics)
            .build();
  }

  /** Starts everything; settings as for the separate processes, plus PRIVACYPAL_SQS_PORT. */
  public static AllInOneProcess start(
      ConfigSource config, Function<ConfigSource, Detectors> detectors) {
    AllInOneProcess stack = new AllInOneProcess(config, detectors);
    stack.gateway.start();
    stack.worker.start();
    log.info(
        "privacypal local: API on port {}, SQS on {} , queue {}",
        stack.gateway.port(),
        stack.queueServer.endpoint(),
        stack.queueServer.queueUrl());
    return stack;
  }

  public int httpPort() {
    return gateway.port();
  }

  public String queueUrl() {
    return queueServer.queueUrl();
  }

  public String sqsEndpoint() {
    return queueServer.endpoint();
  }

  public WorkerProcess worker() {
    return worker;
  }

  /**
   * Gateway first (no new jobs), then the worker (running jobs finish or go back), then the queue.
   */
  @Override
  public void close() {
    try {
      gateway.stop();
      worker.close();
      detectors.close();
    } finally {
      gatewaySqs.close();
      workerSqs.close();
      queueServer.close();
    }
  }
}
