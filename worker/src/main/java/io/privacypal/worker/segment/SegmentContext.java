package io.privacypal.worker.segment;

import io.privacypal.common.job.SegmentPlan;
import io.privacypal.worker.pipeline.FrameRange;
import io.privacypal.worker.video.VideoInfo;

/**
 * How much a segment decodes beyond its own frames: at least two detector keyframe intervals and a
 * second each side, so a face crossing the boundary is detected and tracked as in a single run. The
 * start is aligned to the keyframe interval, so the detector sees the same frames a single run
 * would.
 */
final class SegmentContext {
  private SegmentContext() {}

  static FrameRange around(
      SegmentPlan.Segment segment,
      long totalFrames,
      double keyframeIntervalSeconds,
      VideoInfo info) {
    long interval = Math.max(1, Math.round(keyframeIntervalSeconds * info.frameRate()));
    long context = Math.max(2 * interval, (long) Math.ceil(info.frameRate()));
    long start = Math.max(0, segment.firstFrame() - context);
    start = start / interval * interval;
    long end = Math.min(totalFrames, segment.endFrame() + context);
    return new FrameRange(start, end, segment.firstFrame(), segment.endFrame());
  }
}
