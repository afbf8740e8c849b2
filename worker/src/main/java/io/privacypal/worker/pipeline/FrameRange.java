package io.privacypal.worker.pipeline;

/**
 * Part of a video to process, for one segment of a split job: frames {@code decodeFirst} to {@code
 * decodeEnd} (exclusive) are decoded, detected and tracked, so faces crossing the segment's edges
 * are followed with context; only {@code keepFirst} to {@code keepEnd} are blurred and encoded.
 */
public record FrameRange(long decodeFirst, long decodeEnd, long keepFirst, long keepEnd) {
  public FrameRange {
    if (!(0 <= decodeFirst
        && decodeFirst <= keepFirst
        && keepFirst < keepEnd
        && keepEnd <= decodeEnd)) {
      throw new IllegalArgumentException(
          "invalid range: decode ["
              + decodeFirst
              + ", "
              + decodeEnd
              + "), keep ["
              + keepFirst
              + ", "
              + keepEnd
              + ")");
    }
  }

  public boolean keeps(long frame) {
    return frame >= keepFirst && frame < keepEnd;
  }

  public long decodeFrames() {
    return decodeEnd - decodeFirst;
  }

  public long keepFrames() {
    return keepEnd - keepFirst;
  }
}
