package io.privacypal.worker.segment;

import io.privacypal.common.job.SegmentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where a long video's segments begin and end, by frame index: equal parts of at most a length. */
final class SegmentPlanner {
  private SegmentPlanner() {}

  /** Empty when the video is no longer than one segment, or splitting is off ({@code 0}). */
  static Optional<SegmentPlan> plan(long totalFrames, double frameRate, double segmentSeconds) {
    if (segmentSeconds <= 0 || totalFrames <= 0) {
      return Optional.empty();
    }
    long perSegment = Math.max(1, Math.round(segmentSeconds * frameRate));
    int count = (int) ((totalFrames + perSegment - 1) / perSegment);
    if (count < 2) {
      return Optional.empty();
    }
    List<SegmentPlan.Segment> segments = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      segments.add(
          SegmentPlan.Segment.queued(i, totalFrames * i / count, totalFrames * (i + 1) / count));
    }
    return Optional.of(SegmentPlan.of(totalFrames, segments));
  }
}
