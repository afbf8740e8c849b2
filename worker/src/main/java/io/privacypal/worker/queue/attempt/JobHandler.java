package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.IllegalJobTransitionException;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.SegmentPlan;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.message.MalformedMessageException;
import io.privacypal.common.message.MessageKind;
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
import io.privacypal.worker.segment.Segmenter;
import java.io.IOException;
import java.time.Clock;
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
  private final Attempts attempts;
  private final SegmentHandler segments;

  public JobHandler(
      JobQueueReceiver queue,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      VideoStore videos,
      VideoProcessor processor,
      ConsumerSettings settings,
      Clock clock,
      PrivacypalMetrics metrics) {
    this(queue, deadLetters, statuses, videos, processor, null, settings, clock, metrics);
  }

  /**
   * @param segmenter splits long videos into segments that any worker runs; null never splits (this
   *     worker still runs the segments other workers send)
   */
  public JobHandler(
      JobQueueReceiver queue,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      VideoStore videos,
      VideoProcessor processor,
      Segmenter segmenter,
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
    this.attempts = new Attempts(queue, deadLetters, statuses, settings, running, clock, metrics);
    this.segments =
        new SegmentHandler(
            queue, deadLetters, statuses, videos, segmenter, settings, clock, attempts);
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
      if (job.kindOrJob() == MessageKind.SEGMENT) {
        segments.handle(message, job);
      } else {
        start(message, job, jobId);
      }
    } finally {
      MDC.remove("jobId");
    }
  }

  private void start(QueueMessage message, JobMessage sent, JobId jobId) {
    JobStatus status =
        statuses.createIfAbsent(
            JobStatus.queued(jobId, sent.video(), sent.options(), clock.instant()));
    JobMessage job = storedJob(sent, status);
    if (status.plan() != null && status.plan().sent()) {
      log.info(
          "job {} is planned and its segments are sent: deleting its message {}",
          jobId,
          message.messageId());
      queue.delete(message);
      return;
    }
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
    attempts.run(run, () -> runWhole(run, job, status.createdAt()));
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

  /**
   * Runs the whole job, or, when its video is long and this worker splits, plans it: the plan goes
   * into the status, one message per segment goes out, and this message is done.
   */
  private JobStatus runWhole(JobRun run, JobMessage job, Instant submittedAt) throws Exception {
    try (LocalVideo input = videos.fetch(job.video())) {
      Optional<SegmentPlan> plan = segments.planFor(run, input.path(), job.options());
      if (plan.isPresent()) {
        return segments.send(run, job, plan.get());
      }
      Published output = processAndPublish(run, job, input, submittedAt);
      try {
        return statuses.update(
            run.jobId(),
            s -> run.checkOwned(s).succeeded(output.location(), output.stats(), clock.instant()));
      } catch (JobRun.LostJobException e) {
        if (e.stop() == JobRun.Stop.CANCELLED) {
          // Cancelled after the output went out: a cancelled job leaves no output (and no
          // alias); other jobs' outputs are untouched. (Not so when superseded: the newer attempt
          // publishes the same job's output and may have done so already.)
          removeOutput(run, job);
        }
        throw e;
      }
    }
  }

  private record Published(String location, JobStats stats) {}

  private Published processAndPublish(
      JobRun run, JobMessage job, LocalVideo input, Instant submittedAt) throws Exception {
    try (PendingOutput output = videos.createOutput(job.video(), run.jobId(), run.attempt())) {
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
