package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a long job is split, kept in its status: the segments by frame index, who runs each, which
 * are done and where their files are, and who stitches. Every write goes through the status store's
 * atomic update, so the store decides races: of two workers finishing the last segments at once,
 * exactly one write finds all done and claims the stitch.
 *
 * @param totalFrames frames of the whole video, the sum of the segments'
 * @param sent whether the segment messages went out (a redelivered job message sends none then)
 * @param stitcher the run that stitches (its owner token), null until the last segment is done
 * @param stitchSegment the segment whose message the stitcher holds: its redelivery takes over
 * @param startedAt when the plan was first stored (null in plans stored before it was recorded):
 *     the start of the rate the job's time left is estimated from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentPlan(
    long totalFrames,
    List<Segment> segments,
    boolean sent,
    String stitcher,
    Integer stitchSegment,
    Instant startedAt) {

  /**
   * One segment.
   *
   * @param owner the run that holds it now (worker, message and attempt), null while queued
   * @param framesDone frames encoded so far, for the job's progress
   * @param file where its encoded frames are once done, in the video store
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Segment(
      int index,
      long firstFrame,
      long endFrame,
      String owner,
      long framesDone,
      boolean done,
      String file,
      String worker,
      double seconds,
      long detectorCalls) {

    public static Segment queued(int index, long firstFrame, long endFrame) {
      return new Segment(index, firstFrame, endFrame, null, 0, false, null, null, 0, 0);
    }

    public long frames() {
      return endFrame - firstFrame;
    }

    public Segment claimedBy(String newOwner) {
      return new Segment(index, firstFrame, endFrame, newOwner, 0, false, null, null, 0, 0);
    }

    public Segment progressed(long frames) {
      return new Segment(
          index, firstFrame, endFrame, owner, frames, done, file, worker, seconds, detectorCalls);
    }

    public Segment finished(String newFile, String byWorker, double took, long calls) {
      return new Segment(
          index, firstFrame, endFrame, owner, frames(), true, newFile, byWorker, took, calls);
    }
  }

  public SegmentPlan {
    segments = List.copyOf(segments);
    Objects.requireNonNull(segments, "segments");
  }

  public static SegmentPlan of(long totalFrames, List<Segment> segments) {
    return new SegmentPlan(totalFrames, segments, false, null, null, null);
  }

  public Segment segment(int index) {
    return segments.get(index);
  }

  public SegmentPlan withSegment(int index, UnaryOperator<Segment> change) {
    List<Segment> changed = new ArrayList<>(segments);
    changed.set(index, change.apply(segments.get(index)));
    return new SegmentPlan(totalFrames, changed, sent, stitcher, stitchSegment, startedAt);
  }

  public SegmentPlan markedSent() {
    return new SegmentPlan(totalFrames, segments, true, stitcher, stitchSegment, startedAt);
  }

  public SegmentPlan stitchedBy(String owner, int segment) {
    return new SegmentPlan(totalFrames, segments, sent, owner, segment, startedAt);
  }

  /** This plan, started at {@code now} unless it started before. */
  public SegmentPlan startedBy(Instant now) {
    return startedAt != null
        ? this
        : new SegmentPlan(totalFrames, segments, sent, stitcher, stitchSegment, now);
  }

  @JsonIgnore
  public boolean allDone() {
    return segments.stream().allMatch(Segment::done);
  }

  /** The share of the video's frames encoded, across every segment. */
  @JsonIgnore
  public double progress() {
    return totalFrames <= 0 ? 0 : (double) framesDone() / totalFrames;
  }

  /** Frames encoded so far, across every segment. */
  @JsonIgnore
  public long framesDone() {
    return segments.stream().mapToLong(Segment::framesDone).sum();
  }

  /**
   * The seconds the job still needs at the rate its segments have encoded frames since the plan
   * started, every worker together (so the estimate follows how many run at once, and a segment
   * still queued counts at that rate); null before the first frames. The stitch, about a second a
   * ten-minute video, is not counted.
   */
  public Double secondsLeft(Instant now) {
    long done = framesDone();
    if (startedAt == null || done <= 0) {
      return null;
    }
    double elapsed = Duration.between(startedAt, now).toNanos() / 1e9;
    if (elapsed <= 0) {
      return null;
    }
    return Math.max(0, totalFrames - done) * elapsed / done;
  }
}
