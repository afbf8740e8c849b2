package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.SegmentPlan;
import io.privacypal.common.job.SegmentStats;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.LocalVideo;
import io.privacypal.common.video.PendingOutput;
import io.privacypal.common.video.VideoStore;
import io.privacypal.worker.segment.Segmenter;
import io.privacypal.worker.video.VideoInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a split job, run by the one worker the plan names: join the segment files with
 * the original's audio, publish under the job's own name and the alias, write SUCCEEDED with the
 * segments' stats summed, remove the segment files. A cancel that lands after publishing removes
 * the output again.
 */
final class Stitch {
  private static final Logger log = LoggerFactory.getLogger(Stitch.class);

  private final JobStatusStore statuses;
  private final VideoStore videos;
  private final Supplier<Segmenter> segmenter;
  private final Clock clock;
  private final Consumer<JobId> deleteSegments;

  Stitch(
      JobStatusStore statuses,
      VideoStore videos,
      Supplier<Segmenter> segmenter,
      Clock clock,
      Consumer<JobId> deleteSegments) {
    this.statuses = statuses;
    this.videos = videos;
    this.segmenter = segmenter;
    this.clock = clock;
    this.deleteSegments = deleteSegments;
  }

  JobStatus run(JobRun run, JobStatus stored) throws Exception {
    SegmentPlan plan = stored.plan();
    long started = System.nanoTime();
    List<LocalVideo> parts = new ArrayList<>();
    try (LocalVideo input = videos.fetch(stored.video());
        PendingOutput output = videos.createOutput(stored.video(), run.jobId(), run.attempt())) {
      List<Path> paths = new ArrayList<>();
      for (SegmentPlan.Segment segment : plan.segments()) {
        LocalVideo part = videos.fetchSegment(run.jobId(), segment.file());
        parts.add(part);
        paths.add(part.path());
      }
      VideoInfo joined =
          segmenter
              .get()
              .stitch(paths, input.path(), output.path(), plan.totalFrames(), run.cancellation());
      run.cancellation().throwIfCancelled();
      run.finish();
      statuses.find(run.jobId()).ifPresent(run::checkOwned);
      String location = output.commit();
      if (output.publishAlias(stored.createdAt()).isEmpty()) {
        log.info(
            "job {}: a job submitted later holds {}",
            run.jobId(),
            videos.aliasLocation(stored.video()));
      }
      JobStats stats = summed(plan, joined, (System.nanoTime() - started) / 1e9);
      JobStatus done;
      try {
        done =
            statuses.update(
                run.jobId(), s -> run.checkOwned(s).succeeded(location, stats, clock.instant()));
      } catch (JobRun.LostJobException e) {
        if (e.stop() == JobRun.Stop.CANCELLED) {
          videos.deleteOutput(stored.video(), run.jobId());
        }
        throw e;
      }
      deleteSegments.accept(run.jobId());
      return done;
    } finally {
      for (LocalVideo part : parts) {
        part.close();
      }
    }
  }

  /** Frames and detector calls add up across segments; the work time includes the stitch. */
  private static JobStats summed(SegmentPlan plan, VideoInfo joined, double stitchSeconds) {
    List<SegmentStats> each = new ArrayList<>();
    long calls = 0;
    double seconds = stitchSeconds;
    for (SegmentPlan.Segment segment : plan.segments()) {
      each.add(
          new SegmentStats(segment.index(), segment.frames(), segment.worker(), segment.seconds()));
      calls += segment.detectorCalls();
      seconds += segment.seconds();
    }
    return new JobStats(
        plan.totalFrames(),
        calls,
        plan.totalFrames() / joined.frameRate(),
        seconds,
        null,
        null,
        0.0,
        null,
        each);
  }
}
