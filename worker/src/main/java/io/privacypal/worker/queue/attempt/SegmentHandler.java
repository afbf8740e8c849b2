package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.SegmentPlan;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.SegmentRange;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.LocalVideo;
import io.privacypal.common.video.PendingFile;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.QueueMessage;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import io.privacypal.worker.segment.Segmenter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue side of a split job. The job message's worker writes the plan into the status and sends
 * one message per segment; any worker runs a segment, owning it in the plan while it runs (so the
 * heartbeat, retry and dead-letter rules apply to it alone); the status write that records the last
 * segment done also names the stitcher, so exactly one worker stitches, publishes and writes
 * SUCCEEDED. A job that ends any other way leaves no segment files.
 */
final class SegmentHandler {
  private static final Logger log = LoggerFactory.getLogger(SegmentHandler.class);

  private final JobQueueReceiver queue;
  private final DeadLetterQueue deadLetters;
  private final JobStatusStore statuses;
  private final VideoStore videos;
  private final Segmenter segmenter;
  private final ConsumerSettings settings;
  private final Clock clock;
  private final Attempts attempts;
  private final Stitch stitch;

  SegmentHandler(
      JobQueueReceiver queue,
      DeadLetterQueue deadLetters,
      JobStatusStore statuses,
      VideoStore videos,
      Segmenter segmenter,
      ConsumerSettings settings,
      Clock clock,
      Attempts attempts) {
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.videos = videos;
    this.segmenter = segmenter;
    this.settings = settings;
    this.clock = clock;
    this.attempts = attempts;
    this.stitch = new Stitch(statuses, videos, this::segmenter, clock, this::deleteSegments);
  }

  /** The stored plan of a job whose segments were not all sent, else a new one if it is long. */
  Optional<SegmentPlan> planFor(JobRun run, Path input, JobOptions options) throws Exception {
    Optional<SegmentPlan> stored = statuses.find(run.jobId()).map(JobStatus::plan);
    if (stored.isPresent() || segmenter == null) {
      return stored;
    }
    return segmenter.plan(input, options, run.cancellation());
  }

  /**
   * Writes the plan (unless one is stored: a redelivered job message sends that one again) and
   * sends the segment messages, ten a batch; returns the status that says they went out.
   */
  JobStatus send(JobRun run, JobMessage job, SegmentPlan plan) {
    JobStatus planned =
        statuses.update(
            run.jobId(),
            s -> {
              run.checkOwned(s);
              return s.plan() != null ? s : s.planned(plan, clock.instant());
            });
    List<JobMessage> messages = new ArrayList<>();
    for (SegmentPlan.Segment segment : planned.plan().segments()) {
      if (!segment.done()) {
        messages.add(
            JobMessage.segment(
                run.jobId(),
                job.video(),
                job.options(),
                job.submittedAt(),
                new SegmentRange(segment.index(), segment.firstFrame(), segment.endFrame())));
      }
    }
    queue.sendAll(messages);
    log.info(
        "job {} split into {} segments of {} frames in all: segment messages sent",
        run.jobId(),
        planned.plan().segments().size(),
        planned.plan().totalFrames());
    return statuses.update(
        run.jobId(), s -> run.checkOwned(s).planned(s.plan().markedSent(), clock.instant()));
  }

  void handle(QueueMessage message, JobMessage job) {
    JobId jobId = job.jobId();
    SegmentRange range = job.segment();
    Optional<JobStatus> found = statuses.find(jobId);
    if (found.isEmpty() || !matchesPlan(found.get().plan(), range)) {
      // Checked against the stored job like any message; a segment of no plan is never run.
      String reason = "segment message " + range + " matches no planned segment of job " + jobId;
      log.warn("{}: moving message {} to the dead-letter queue", reason, message.messageId());
      deadLetters.moveFrom(message, reason, jobId);
      return;
    }
    JobStatus status = found.get();
    if (status.isTerminal()) {
      log.info("job {} is already {}: deleting segment {}'s message", jobId, status.state(), range);
      removeSegmentsIfUnsuccessful(jobId);
      queue.delete(message);
      return;
    }
    JobRun run = new JobRun(message, jobId, settings.workerId(), range.index());
    JobStatus claimed = statuses.update(jobId, s -> claim(run, s));
    if (!run.owns(claimed)) {
      log.info(
          "job {} segment {} is done or the job is {}: deleting the duplicate message",
          jobId,
          range.index(),
          claimed.state());
      queue.delete(message);
      return;
    }
    boolean stitchOnly = claimed.plan().segment(range.index()).done();
    log.info(
        "job {} segment {} ({} frames) started: attempt {}{}",
        jobId,
        range.index(),
        range.frames(),
        run.attempt(),
        stitchOnly ? ", taking over the stitch" : "");
    try {
      attempts.run(run, () -> stitchOnly ? stitch.run(run, claimed) : runSegment(run, claimed));
    } finally {
      removeSegmentsIfUnsuccessful(jobId);
    }
  }

  private static boolean matchesPlan(SegmentPlan plan, SegmentRange range) {
    if (plan == null || range.index() >= plan.segments().size()) {
      return false;
    }
    SegmentPlan.Segment segment = plan.segment(range.index());
    return segment.firstFrame() == range.firstFrame() && segment.endFrame() == range.endFrame();
  }

  /**
   * Takes the segment for this attempt, or, when it is done and its message is the stitcher's, the
   * stitch (the stitcher died and the message came back); otherwise changes nothing.
   */
  private JobStatus claim(JobRun run, JobStatus s) {
    if (s.state() != JobState.PROCESSING) {
      return s;
    }
    int index = run.segment();
    SegmentPlan plan = s.plan();
    if (!plan.segment(index).done()) {
      return s.planned(
          plan.withSegment(index, segment -> segment.claimedBy(run.token())), clock.instant());
    }
    if (Objects.equals(plan.stitchSegment(), index)) {
      return s.planned(plan.stitchedBy(run.token(), index), clock.instant());
    }
    return s;
  }

  private JobStatus runSegment(JobRun run, JobStatus stored) throws Exception {
    int index = run.segment();
    SegmentPlan.Segment segment = stored.plan().segment(index);
    long started = System.nanoTime();
    try (LocalVideo input = videos.fetch(stored.video());
        PendingFile output = videos.createSegment(run.jobId(), index, run.attempt())) {
      JobStats stats =
          segmenter()
              .runSegment(
                  input.path(),
                  output.path(),
                  stored.options(),
                  segment,
                  stored.plan().totalFrames(),
                  run.progressListener(),
                  run.cancellation());
      run.cancellation().throwIfCancelled();
      statuses.find(run.jobId()).ifPresent(run::checkOwned);
      String file = output.commit();
      double seconds = (System.nanoTime() - started) / 1e9;
      // The conditional write: of the workers finishing the last segments, the one whose write
      // finds every segment done names itself the stitcher.
      JobStatus after =
          statuses.update(
              run.jobId(),
              s -> {
                run.checkOwned(s);
                SegmentPlan plan =
                    s.plan()
                        .withSegment(
                            index,
                            x -> x.finished(file, run.workerId(), seconds, stats.detectorCalls()));
                if (plan.allDone() && plan.stitcher() == null) {
                  plan = plan.stitchedBy(run.token(), index);
                }
                return s.planned(plan, clock.instant());
              });
      log.info(
          "job {} segment {} done: {} frames in {} s",
          run.jobId(),
          index,
          segment.frames(),
          String.format("%.1f", seconds));
      if (!run.token().equals(after.plan().stitcher())) {
        return after;
      }
      return stitch.run(run, after);
    }
  }

  private Segmenter segmenter() {
    if (segmenter == null) {
      throw new IllegalStateException("this worker was started without segment support");
    }
    return segmenter;
  }

  private void removeSegmentsIfUnsuccessful(JobId jobId) {
    Optional<JobStatus> now = statuses.find(jobId);
    if (now.isPresent() && now.get().isTerminal() && now.get().state() != JobState.SUCCEEDED) {
      deleteSegments(jobId);
    }
  }

  private void deleteSegments(JobId jobId) {
    try {
      videos.deleteSegments(jobId);
    } catch (IOException | RuntimeException e) {
      log.warn("job {}: removing its segment files failed: {}", jobId, e.toString());
    }
  }
}
