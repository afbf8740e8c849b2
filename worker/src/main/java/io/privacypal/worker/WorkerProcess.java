package io.privacypal.worker;

import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.SourceQueue;
import io.privacypal.worker.queue.attempt.JobHandler;
import io.privacypal.worker.queue.consume.JobConsumer;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import io.privacypal.worker.queue.deadletter.StrandedSweep;
import java.time.Clock;
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

  /** Finds the dead-letter queue through the job queue's RedrivePolicy. */
  public WorkerProcess(
      SqsClient sqs,
      String queueUrl,
      JobStatusStore statuses,
      VideoStore videos,
      VideoProcessor processor,
      ConsumerSettings settings) {
    this(
        sqs,
        queueUrl,
        DeadLetterQueue.of(sqs, queueUrl, statuses, Clock.systemUTC()),
        statuses,
        videos,
        processor,
        settings);
  }

  public WorkerProcess(
      SqsClient sqs,
      String queueUrl,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      VideoStore videos,
      VideoProcessor processor,
      ConsumerSettings settings) {
    this(sqs, queueUrl, deadLetters, statuses, videos, processor, settings, new PrivacypalMetrics());
  }

  /** With the process's metrics registry (job outcomes, durations, detector calls, busy slots). */
  public WorkerProcess(
      SqsClient sqs,
      String queueUrl,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      VideoStore videos,
      VideoProcessor processor,
      ConsumerSettings settings,
      PrivacypalMetrics metrics) {
    Clock clock = Clock.systemUTC();
    SourceQueue queue = new SourceQueue(sqs, queueUrl, clock);
    JobHandler handler =
        new JobHandler(queue, deadLetters, statuses, videos, processor, settings, clock, metrics);
    this.consumer = new JobConsumer(queue, handler, settings, metrics);
    this.strandedSweep = new StrandedSweep(deadLetters, settings);
    this.settings = settings;
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
