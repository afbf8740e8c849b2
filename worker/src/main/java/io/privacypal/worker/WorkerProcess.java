package io.privacypal.worker;

import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.DeadLetterQueue;
import io.privacypal.worker.queue.JobConsumer;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A worker process: one consumer with {@link ConsumerSettings#slots()} slots on the job queue,
 * stopped gracefully by {@link #close()} (or SIGTERM, see {@link WorkerProcessShutdownHook}).
 */
public final class WorkerProcess implements AutoCloseable {
  private final JobConsumer consumer;
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
    this.consumer =
        new JobConsumer(
            sqs, queueUrl, deadLetters, statuses, videos, processor, settings, Clock.systemUTC(), metrics);
  }

  public WorkerProcess start() {
    consumer.start();
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
        consumer.close();
      } finally {
        stopped.countDown();
      }
    }
  }
}
