package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.IllegalJobTransitionException;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.message.MalformedMessageException;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.LocalVideo;
import io.privacypal.common.video.PendingOutput;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.MessageBodies;
import io.privacypal.worker.queue.QueueMessage;
import io.privacypal.worker.queue.consume.MessageHandler;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes one received message to one truthful outcome. The message is deleted only after the job's
 * terminal status is stored; if anything fails before that, the message reappears after its
 * visibility timeout and the job is tried again (a finished job's duplicate is then just deleted).
 */
public final class JobHandler implements MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(JobHandler.class);

  private final JobQueueReceiver queue;
  private final DeadLetterQueue deadLetters;
  private final JobStatusStore statuses;
  private final VideoStore videos;
  private final VideoProcessor processor;
  private final ConsumerSettings settings;
  private final RunningJobs running;
  private final Clock clock;
  private final JobMessageCodec codec = new JobMessageCodec();
  private final PrivacypalMetrics metrics;

  public JobHandler(
      JobQueueReceiver queue,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      VideoStore videos,
      VideoProcessor processor,
      ConsumerSettings settings,
      Clock clock,
      PrivacypalMetrics metrics) {
    this.metrics = metrics;
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.videos = videos;
    this.processor = processor;
    this.settings = settings;
    this.running = new RunningJobs(settings.statusCheckInterval());
    this.clock = clock;
  }

  @Override
  public List<String> runningJobIds() {
    return running.jobIds();
  }

  @Override
  public void releaseAll(String reason) {
    running.stopAll(JobRun.Stop.SHUTDOWN, reason);
  }

  @Override
  public void close() {
    running.shutdown();
  }

  @Override
  public void handle(QueueMessage message) {
    JobMessage job;
    try {
      job = codec.decode(message.body());
    } catch (MalformedMessageException e) {
      rejectMalformed(message, e.getMessage());
      return;
    }
    // A minimal message ({"video": ...}) runs under its SQS message id, the same on redelivery.
    String id = job.jobId() != null ? job.jobId().value() : message.messageId();
    if (!JobId.isValid(id)) {
      rejectMalformed(message, "the message id " + id + " cannot serve as a job id");
      return;
    }
    JobId jobId = JobId.of(id);
    MDC.put("jobId", jobId.value());
    try {
      start(message, job, jobId);
    } finally {
      MDC.remove("jobId");
    }
  }

  private void start(QueueMessage message, JobMessage sent, JobId jobId) {
    JobStatus status =
        statuses.createIfAbsent(
            JobStatus.queued(jobId, sent.video(), sent.options(), clock.instant()));
    JobMessage job = storedJob(sent, status);
    if (status.isTerminal()) {
      log.info(
          "job {} is already {}: deleting its message {}",
          jobId,
          status.state(),
          message.messageId());
      queue.delete(message);
      return;
    }
    JobRun run = new JobRun(message, jobId, settings.workerId());
    try {
      statuses.update(
          jobId, s -> s.processing(run.attempt(), settings.workerId(), clock.instant()));
    } catch (IllegalJobTransitionException e) {
      log.info(
          "job {} finished before it started ({}): deleting its message", jobId, e.getMessage());
      queue.delete(message);
      return;
    }
    log.info("job {} started: attempt {} of video {}", jobId, run.attempt(), job.video());
    running.track(run, new JobHeartbeat(run, queue, statuses, settings, clock));
    try {
      execute(run, job, status.createdAt());
    } finally {
      run.finish();
      running.untrack(run);
    }
  }

  /**
   * The job as its status says, whatever the message says: anyone who can send to the queue could
   * otherwise re-point a queued job at another video or other options by reusing its id.
   */
  private static JobMessage storedJob(JobMessage sent, JobStatus stored) {
    if (!sent.video().equals(stored.video()) || !sent.options().equals(stored.options())) {
      log.warn(
          "message for job {} names video {} or options that differ from the stored job's; running the stored job ({})",
          stored.jobId(),
          sent.video(),
          stored.video());
    }
    return JobMessage.of(stored.jobId(), stored.video(), stored.options(), sent.submittedAt());
  }

  private void execute(JobRun run, JobMessage job, Instant submittedAt) {
    boolean interrupted = false;
    JobStatus done = null;
    Published published = null;
    try {
      published = processAndPublish(run, job, submittedAt);
      Published output = published;
      done =
          statuses.update(
              run.jobId(),
              s -> run.checkOwned(s).succeeded(output.location(), output.stats(), clock.instant()));
    } catch (JobRun.LostJobException e) {
      if (published != null && e.stop() == JobRun.Stop.CANCELLED) {
        // Cancelled after the output went out: a cancelled job leaves no output (and no alias);
        // other jobs' outputs are untouched. (Not so when superseded: the newer attempt
        // publishes the same job's output and may have done so already.)
        removeOutput(run, job);
      }
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
      // retry,
      // not kill the slot with the job left PROCESSING.
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
      // reappears finds SUCCEEDED and is deleted then.
      queue.delete(run.message());
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

  private record Published(String location, JobStats stats) {}

  private Published processAndPublish(JobRun run, JobMessage job, Instant submittedAt)
      throws Exception {
    try (LocalVideo input = videos.fetch(job.video());
        PendingOutput output = videos.createOutput(job.video(), run.jobId(), run.attempt())) {
      JobStats stats =
          processor.process(
              new PipelineRequest(input.path(), output.path(), job.options()),
              run.progressListener(),
              run.cancellation());
      run.cancellation().throwIfCancelled();
      run.finish();
      // Publish only while still the owner; closing the output without a commit removes it.
      statuses.find(run.jobId()).ifPresent(run::checkOwned);
      String location = output.commit();
      // Before SUCCEEDED, so PrivacyPal's name is in place once the front end reads "True".
      if (output.publishAlias(submittedAt).isEmpty()) {
        log.info(
            "job {}: a job submitted later holds {}",
            run.jobId(),
            videos.aliasLocation(job.video()));
      }
      return new Published(location, stats);
    }
  }

  private void removeOutput(JobRun run, JobMessage job) {
    try {
      videos.deleteOutput(job.video(), run.jobId());
    } catch (IOException | RuntimeException e) {
      log.warn(
          "job {} was cancelled after its output was published; removing it failed: {}",
          run.jobId(),
          e.toString());
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
            run.jobId(), s -> run.owns(s) ? s.requeued(s.failure(), clock.instant()) : s);
    if (now.isTerminal()) {
      queue.delete(run.message());
      log.info("job {} is {} and was not released: message deleted", run.jobId(), now.state());
      return;
    }
    queue.changeVisibility(run.message(), Duration.ZERO);
    log.info("job {} released to the queue: the worker is stopping", run.jobId());
  }

  private void failPermanently(JobRun run, Throwable cause, Exception thrown) {
    JobFailure failure = JobFailure.of(FailureKind.INVALID_INPUT, cause);
    statuses.update(run.jobId(), s -> run.checkOwned(s).failed(failure, clock.instant()));
    queue.delete(run.message());
    metrics.jobFinished(PrivacypalMetrics.Outcome.FAILED);
    log.warn("job {} failed for good (no retry): {}", run.jobId(), failure.reason(), thrown);
  }

  private void rejectMalformed(QueueMessage message, String reason) {
    Optional<JobId> jobId = MessageBodies.jobId(message.body());
    jobId.ifPresent(id -> MDC.put("jobId", id.value()));
    try {
      log.warn(
          "message {} is malformed ({}): moving it to the dead-letter queue",
          message.messageId(),
          reason);
      jobId.ifPresent(id -> failMalformed(id, reason));
      deadLetters.moveFrom(message, "malformed message: " + reason, jobId.orElse(null));
      metrics.jobFinished(PrivacypalMetrics.Outcome.MALFORMED);
    } finally {
      MDC.remove("jobId");
    }
  }

  private void failMalformed(JobId jobId, String reason) {
    if (statuses.find(jobId).filter(s -> !s.isTerminal()).isEmpty()) {
      return;
    }
    JobFailure failure = JobFailure.of(FailureKind.MALFORMED_MESSAGE, reason);
    statuses.update(jobId, s -> s.isTerminal() ? s : s.failed(failure, clock.instant()));
  }
}
