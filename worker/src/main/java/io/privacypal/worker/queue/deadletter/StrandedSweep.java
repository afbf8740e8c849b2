package io.privacypal.worker.queue.deadletter;

import io.privacypal.common.job.JobId;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.queue.ConsumerSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link ConsumerSettings#strandedSweepInterval()}, fails the jobs whose messages SQS moved
 * to the dead-letter queue after a worker was killed on every attempt: nothing else writes their
 * status, and the front end would poll them forever. Every worker runs it, which is harmless: a
 * peek hides a dead letter from the other workers for 30 s, and the status write is conditional. A
 * failed job's segment files go too: no segment run is left to remove them.
 */
public final class StrandedSweep implements Runnable {
  /** Dead letters looked at per sweep; the rest wait for a later one. */
  static final int LIMIT = 100;

  private static final Logger log = LoggerFactory.getLogger(StrandedSweep.class);

  private final DeadLetterQueue deadLetters;
  private final VideoStore videos;
  private final Duration quietFor;

  /** A job whose status was written within a visibility timeout still has a live worker. */
  public StrandedSweep(DeadLetterQueue deadLetters, VideoStore videos, ConsumerSettings settings) {
    this.deadLetters = deadLetters;
    this.videos = videos;
    this.quietFor = settings.visibilityTimeout();
  }

  /**
   * Runs {@code sweep} every {@code interval} on a thread of its own, first after a random part of
   * one, so workers started together do not sweep together; empty when the interval is zero.
   */
  public static Optional<ScheduledExecutorService> schedule(Runnable sweep, Duration interval) {
    long period = interval.toMillis();
    if (period <= 0) {
      return Optional.empty();
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "privacypal-stranded-sweep");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        sweep, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MILLISECONDS);
    return Optional.of(timer);
  }

  @Override
  public void run() {
    try {
      StrandedResult result = deadLetters.failStranded(LIMIT, quietFor);
      if (!result.failedJobs().isEmpty()) {
        log.info(
            "failed {} stranded jobs of {} dead letters: {}",
            result.failedJobs().size(),
            result.checked(),
            result.failedJobs());
      }
      result.failedJobs().forEach(this::removeSegments);
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log it and let the next sweep retry.
      log.warn("the stranded-job sweep failed; trying again at the next one", e);
    }
  }

  private void removeSegments(String job) {
    try {
      videos.deleteSegments(JobId.of(job));
    } catch (IOException | RuntimeException e) {
      log.warn("job {}: removing its segment files failed: {}", job, e.toString());
    }
  }
}
