package io.privacypal.common.message;

/**
 * One segment of a planned job: frames {@code firstFrame} (inclusive) to {@code endFrame}
 * (exclusive) of the video, counted from 0 as the decoder delivers them.
 */
public record SegmentRange(int index, long firstFrame, long endFrame) {
  public SegmentRange {
    if (index < 0 || firstFrame < 0 || endFrame <= firstFrame) {
      throw new IllegalArgumentException(
          "invalid segment " + index + " [" + firstFrame + ", " + endFrame + ")");
    }
  }

  public long frames() {
    return endFrame - firstFrame;
  }
}
