package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.IllegalJobTransitionException;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs every status-check interval (at most a second) while a job runs: reads the status to notice
 * a cancel or a newer attempt, writes progress at most once a second, and every half visibility
 * timeout hides the message again for a full timeout and refreshes the status.
 *
 * <p>SQS keeps a message hidden for at most 12 hours after its receive, whatever the heartbeat
 * asks. Near that cap the beat extends only to the cap and warns: the message then reappears,
 * another worker (or this one) receives it as a newer attempt and writes PROCESSING with the higher
 * attempt, and this run notices it at its next check, stops, and leaves message and status to the
 * newer attempt. A job that needs more than 12 hours therefore restarts until its attempts run out.
 */
final class JobHeartbeat implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(JobHeartbeat.class);
  private static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(1);

  /**
   * The segments of one job share its status object: fewer progress writes each, so dozens of
   * segment workers do not keep losing one another's conditional writes.
   */
  private static final Duration SEGMENT_PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(5);

  /** Our receive time is a little after SQS's; stay this far inside its cap. */
  private static final Duration CAP_MARGIN = Duration.ofSeconds(30);

  private final JobRun run;
  private final JobQueueReceiver queue;
  private final JobStatusStore statuses;
  private final ConsumerSettings settings;
  private final Clock clock;
  private Instant nextExtension;
  private Instant lastProgressWrite;
  private JobRun.Progress lastWrittenProgress;
  private boolean warnedAboutCap;

  JobHeartbeat(
      JobRun run,
      JobQueueReceiver queue,
      JobStatusStore statuses,
      ConsumerSettings settings,
      Clock clock) {
    this.run = run;
    this.queue = queue;
    this.statuses = statuses;
    this.settings = settings;
    this.clock = clock;
    Instant now = clock.instant();
    this.nextExtension = now.plus(settings.heartbeatInterval());
    this.lastProgressWrite = now;
  }

  @Override
  public void run() {
    MDC.put("jobId", run.jobId().value());
    try {
      run.beat(this::beat);
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log it and let the next beat retry.
      log.warn("heartbeat of job {} failed; trying again at the next beat", run.jobId(), e);
    } finally {
      MDC.remove("jobId");
    }
  }

  private void beat() {
    if (run.stopReason() != null) {
      return;
    }
    Instant now = clock.instant();
    boolean refresh = !now.isBefore(nextExtension);
    if (refresh) {
      nextExtension = now.plus(settings.heartbeatInterval());
      extendVisibility(now);
    }
    JobRun.Progress progress = run.latestProgress();
    boolean newProgress =
        progress != null
            && progress != lastWrittenProgress
            && !now.isBefore(
                lastProgressWrite.plus(
                    run.segment() == null
                        ? PROGRESS_WRITE_INTERVAL
                        : SEGMENT_PROGRESS_WRITE_INTERVAL));
    try {
      if (refresh || newProgress) {
        statuses.update(
            run.jobId(),
            s ->
                progress == null
                    ? run.progressed(run.checkOwned(s), s.progress(), s.stats(), now)
                    : run.progressed(
                        run.checkOwned(s), progress.fraction(), progress.stats(), now));
        lastWrittenProgress = progress;
        lastProgressWrite = now;
      } else {
        statuses.find(run.jobId()).ifPresent(run::checkOwned);
      }
    } catch (JobRun.LostJobException e) {
      log.info("stopping job {}: {}", run.jobId(), e.getMessage());
      run.stop(e.stop(), e.getMessage());
    } catch (IllegalJobTransitionException e) {
      // checkOwned runs first, so this is a write racing a cancel: the job is no longer ours.
      log.info("stopping job {}: {}", run.jobId(), e.getMessage());
      run.stop(JobRun.Stop.CANCELLED, e.getMessage());
    }
  }

  private void extendVisibility(Instant now) {
    Duration held = Duration.between(run.message().receivedAt(), now);
    Duration left = ConsumerSettings.SQS_MAX_VISIBILITY.minus(held).minus(CAP_MARGIN);
    Duration extension =
        left.compareTo(settings.visibilityTimeout()) < 0 ? left : settings.visibilityTimeout();
    if (extension.compareTo(settings.visibilityTimeout()) < 0 && !warnedAboutCap) {
      warnedAboutCap = true;
      log.warn(
          "job {} has held its message for {}; SQS shows it again 12 h after its receive, so a"
              + " newer attempt will take the job over and this one will stop",
          run.jobId(),
          held);
    }
    if (extension.toSeconds() <= 0) {
      return;
    }
    try {
      queue.changeVisibility(run.message(), extension);
    } catch (RuntimeException e) {
      // The receipt handle is stale when SQS gave the message to someone else; the status check
      // below then finds the newer attempt.
      log.warn("could not extend the visibility of job {}'s message", run.jobId(), e);
    }
  }
}
