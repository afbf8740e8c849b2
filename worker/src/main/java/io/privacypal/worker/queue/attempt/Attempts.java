package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt (a whole job, a plan, a segment or a stitch) with its heartbeat, and takes every
 * way it can end to one truthful outcome: the message is deleted only once the work is recorded; a
 * transient failure retries, a permanent one fails the job, a cancel or a shutdown stops it.
 */
final class Attempts {
  private static final Logger log = LoggerFactory.getLogger(Attempts.class);

  /** The work of one attempt; returns the status it recorded last (terminal or not). */
  @FunctionalInterface
  interface Work {
    JobStatus run() throws Exception;
  }

  private final JobQueueReceiver queue;
  private final DeadLetterQueue deadLetters;
  private final JobStatusStore statuses;
  private final ConsumerSettings settings;
  private final RunningJobs running;
  private final Clock clock;
  private final PrivacypalMetrics metrics;

  Attempts(
      JobQueueReceiver queue,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      ConsumerSettings settings,
      RunningJobs running,
      Clock clock,
      PrivacypalMetrics metrics) {
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.settings = settings;
    this.running = running;
    this.clock = clock;
    this.metrics = metrics;
  }

  void run(JobRun run, Work work) {
    running.track(run, new JobHeartbeat(run, queue, statuses, settings, clock));
    try {
      execute(run, work);
    } finally {
      run.finish();
      running.untrack(run);
    }
  }

  private void execute(JobRun run, Work work) {
    boolean interrupted = false;
    JobStatus done = null;
    try {
      done = work.run();
    } catch (JobRun.LostJobException e) {
      lost(run, e);
    } catch (InterruptedException e) {
      // Only a forced stop interrupts a slot: release the job, then restore the flag.
      interrupted = true;
      run.stop(JobRun.Stop.SHUTDOWN, "interrupted");
      afterStop(run);
    } catch (Exception | LinkageError | OutOfMemoryError thrown) {
      if (run.stopReason() != null) {
        afterStop(run);
        return;
      }
      // A native library that failed to load (OpenCV's, say, while the JVM shuts down) or memory
      // that ran out (the job's frames are unreachable by now) is an Error: it must still end in a
      // retry, not kill the slot with the job left PROCESSING.
      Exception e =
          thrown instanceof Exception ex
              ? ex
              : new IllegalStateException(
                  (thrown instanceof OutOfMemoryError
                          ? "out of memory: "
                          : "native code unavailable: ")
                      + thrown,
                  thrown);
      Optional<Throwable> permanent = FailurePolicy.permanentCause(e);
      try {
        if (permanent.isPresent()) {
          failPermanently(run, permanent.get(), e);
        } else {
          metrics.jobFinished(
              new RetryDecision(queue, deadLetters, statuses, settings, clock).apply(run, e));
        }
      } catch (JobRun.LostJobException lost) {
        lost(run, lost);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (done != null) {
      // Outside the failure handling: a failed delete is no job failure; the duplicate that
      // reappears finds the work recorded and is deleted then.
      queue.delete(run.message());
      if (done.state() == JobState.SUCCEEDED) {
        metrics.jobFinished(PrivacypalMetrics.Outcome.SUCCEEDED);
        if (done.stats() != null) {
          metrics.jobProcessed(
              Duration.ofMillis(Math.round(done.stats().processingSeconds() * 1000)),
              done.stats().frames(),
              done.stats().detectorCalls());
        }
        log.info("job {} succeeded: {}", run.jobId(), done.output());
      }
    }
  }

  /** The one place a job this attempt no longer owns (cancelled, or superseded) ends up. */
  private void lost(JobRun run, JobRun.LostJobException e) {
    run.stop(e.stop(), e.getMessage());
    afterStop(run);
  }

  private void afterStop(JobRun run) {
    switch (run.stopReason()) {
      case CANCELLED -> {
        queue.delete(run.message());
        metrics.jobFinished(PrivacypalMetrics.Outcome.CANCELLED);
        log.info("job {} was cancelled: stopped, output removed, message deleted", run.jobId());
      }
      case SUPERSEDED ->
          log.warn(
              "job {} attempt {} stopped: a newer attempt owns the job and its message",
              run.jobId(),
              run.attempt());
      case SHUTDOWN -> release(run);
    }
  }

  /** Puts the job back on the queue at once for another worker. */
  private void release(JobRun run) {
    JobStatus now =
        statuses.update(
            run.jobId(), s -> run.owns(s) ? run.requeued(s, s.failure(), clock.instant()) : s);
    if (now.isTerminal()) {
      queue.delete(run.message());
      log.info("job {} is {} and was not released: message deleted", run.jobId(), now.state());
      return;
    }
    queue.changeVisibility(run.message(), Duration.ZERO);
    log.info("job {} released to the queue: the worker is stopping", run.jobId());
  }

  private void failPermanently(JobRun run, Throwable cause, Exception thrown) {
    JobFailure plain = JobFailure.of(FailureKind.INVALID_INPUT, cause);
    JobFailure failure =
        run.segment() == null
            ? plain
            : new JobFailure(
                plain.kind(),
                "segment " + run.segment() + ": " + plain.reason(),
                plain.exceptionType());
    statuses.update(run.jobId(), s -> run.checkOwned(s).failed(failure, clock.instant()));
    queue.delete(run.message());
    metrics.jobFinished(PrivacypalMetrics.Outcome.FAILED);
    log.warn("job {} failed for good (no retry): {}", run.jobId(), failure.reason(), thrown);
  }
}
