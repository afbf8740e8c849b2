package io.privacypal.worker;

import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.attempt.JobHandler;
import io.privacypal.worker.queue.consume.JobConsumer;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import io.privacypal.worker.queue.deadletter.StrandedSweep;
import io.privacypal.worker.segment.Segmenter;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A worker process: one consumer with {@link ConsumerSettings#slots()} slots on the job queue and
 * the stranded-job sweep of its dead-letter queue, stopped gracefully by {@link #close()} (or
 * SIGTERM, see {@link WorkerProcessShutdownHook}).
 */
public final class WorkerProcess implements AutoCloseable {
  private final JobConsumer consumer;
  private final StrandedSweep strandedSweep;
  private final ConsumerSettings settings;
  private volatile Optional<ScheduledExecutorService> sweepTimer = Optional.empty();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private WorkerProcess(Builder parts) {
    Clock clock = Clock.systemUTC();
    DeadLetterQueue deadLetters =
        DeadLetterQueue.of(parts.sqs, parts.queueUrl, parts.statuses, clock);
    JobQueueReceiver queue = new JobQueueReceiver(parts.sqs, parts.queueUrl, clock);
    JobHandler handler =
        new JobHandler(
            queue,
            deadLetters,
            parts.statuses,
            parts.videos,
            parts.processor,
            parts.segmenter,
            parts.settings,
            clock,
            parts.metrics);
    this.consumer = new JobConsumer(queue, handler, parts.settings, parts.metrics);
    this.strandedSweep = new StrandedSweep(deadLetters, parts.videos, parts.settings);
    this.settings = parts.settings;
  }

  /** A worker on the job queue at {@code queueUrl}; the builder asks for the rest. */
  public static Builder builder(SqsClient sqs, String queueUrl) {
    return new Builder(sqs, queueUrl);
  }

  /**
   * The one way to wire a worker. Statuses, videos, processor and settings are required; the
   * metrics default to a registry of the worker's own (job outcomes, durations, detector calls,
   * busy slots). The dead-letter queue is the one the job queue's RedrivePolicy names.
   */
  public static final class Builder {
    private final SqsClient sqs;
    private final String queueUrl;
    private JobStatusStore statuses;
    private VideoStore videos;
    private VideoProcessor processor;
    private Segmenter segmenter;
    private ConsumerSettings settings;
    private PrivacypalMetrics metrics = new PrivacypalMetrics();

    private Builder(SqsClient sqs, String queueUrl) {
      this.sqs = Objects.requireNonNull(sqs, "sqs");
      this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    public Builder statuses(JobStatusStore statuses) {
      this.statuses = statuses;
      return this;
    }

    public Builder videos(VideoStore videos) {
      this.videos = videos;
      return this;
    }

    public Builder processor(VideoProcessor processor) {
      this.processor = processor;
      return this;
    }

    /** Splits long videos into segments; without it the worker never splits (but runs segments). */
    public Builder segmenter(Segmenter segmenter) {
      this.segmenter = segmenter;
      return this;
    }

    public Builder settings(ConsumerSettings settings) {
      this.settings = settings;
      return this;
    }

    public Builder metrics(PrivacypalMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    public WorkerProcess build() {
      Objects.requireNonNull(statuses, "a worker needs a status store");
      Objects.requireNonNull(videos, "a worker needs a video store");
      Objects.requireNonNull(processor, "a worker needs a video processor");
      Objects.requireNonNull(settings, "a worker needs its consumer settings");
      return new WorkerProcess(this);
    }
  }

  public WorkerProcess start() {
    consumer.start();
    sweepTimer = StrandedSweep.schedule(strandedSweep, settings.strandedSweepInterval());
    return this;
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Blocks until {@link #close()} has finished: what a worker's main thread waits on. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops taking jobs and waits the shutdown grace period for running ones; idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (isStopped()) {
        return;
      }
      try {
        sweepTimer.ifPresent(ScheduledExecutorService::shutdownNow);
        consumer.close();
      } finally {
        stopped.countDown();
      }
    }
  }
}
