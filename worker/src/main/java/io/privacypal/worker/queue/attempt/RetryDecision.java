package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a transient failure leads to. Before the last attempt: status back to QUEUED with the
 * failure kept, and the message hidden for a growing delay so SQS delivers it again later. On the
 * last attempt: status FAILED (RETRIES_EXHAUSTED) and the message moved to the dead-letter queue by
 * the worker itself (send, then delete), so it carries the reason, and does not depend on the
 * queue's RedrivePolicy (which stays as the safety net for a worker that crashes on every attempt).
 */
final class RetryDecision {
  private static final Logger log = LoggerFactory.getLogger(RetryDecision.class);

  private final JobQueueReceiver queue;
  private final DeadLetterQueue deadLetters;
  private final JobStatusStore statuses;
  private final ConsumerSettings settings;
  private final Clock clock;

  RetryDecision(
      JobQueueReceiver queue,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      ConsumerSettings settings,
      Clock clock) {
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @return what became of the job: RETRIED or FAILED
   * @throws JobRun.LostJobException when this attempt no longer owns the job
   */
  PrivacypalMetrics.Outcome apply(JobRun run, Exception error) {
    FailureKind kind = FailurePolicy.retryKind(error);
    int attempt = run.attempt();
    if (attempt < settings.maxReceiveCount()) {
      JobFailure failure = JobFailure.of(kind, error);
      statuses.update(run.jobId(), s -> run.requeued(run.checkOwned(s), failure, clock.instant()));
      Duration delay = settings.retryDelay(attempt);
      queue.changeVisibility(run.message(), delay);
      log.warn(
          "job {} attempt {} of {} failed; trying again in {} s",
          run.jobId(),
          attempt,
          settings.maxReceiveCount(),
          delay.toSeconds(),
          error);
      return PrivacypalMetrics.Outcome.RETRIED;
    }
    String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    JobFailure failure =
        new JobFailure(
            FailureKind.RETRIES_EXHAUSTED,
            (run.segment() == null ? "" : "segment " + run.segment() + " ")
                + "failed after "
                + attempt
                + " attempts; last error: "
                + why,
            error.getClass().getName());
    statuses.update(run.jobId(), s -> run.checkOwned(s).failed(failure, clock.instant()));
    deadLetters.moveFrom(run.message(), failure.reason(), run.jobId());
    log.error(
        "job {} failed: {}; message moved to the dead-letter queue",
        run.jobId(),
        failure.reason(),
        error);
    return PrivacypalMetrics.Outcome.FAILED;
  }
}
