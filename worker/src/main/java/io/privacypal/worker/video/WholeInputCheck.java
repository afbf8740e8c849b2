package io.privacypal.worker.video;

/**
 * Whether the decoder read the whole input: as many frames as the container declares, and no
 * decoding error on the way. A file cut short often keeps its header (an MP4 with its index at the
 * front declares every frame), so a decoder that just stops early would otherwise pass for a
 * shorter video.
 */
final class WholeInputCheck {
  private WholeInputCheck() {}

  /**
   * @param expected the frames the container declares (or the frames asked of a resampled input)
   * @param exact true when {@code expected} is the container's own count, not duration x rate
   * @param errors the lines the decoder wrote at {@code -v error}
   * @param firstError the first of them, or null
   */
  static void check(
      long decoded, long expected, boolean exact, double frameRate, int errors, String firstError)
      throws InvalidVideoException {
    // An exact count may differ by an edit list's frame or two; a duration may include audio
    // that runs on for a moment after the last frame.
    long tolerance =
        exact ? Math.max(2, expected / 200) : Math.max(Math.round(frameRate / 2), expected / 50);
    if (decoded < expected - tolerance) {
      throw new InvalidVideoException(
          "truncated: "
              + decoded
              + " of "
              + expected
              + " frames decoded"
              + (firstError == null ? "" : " (" + clean(firstError) + ")"));
    }
    if (errors > 0) {
      throw new InvalidVideoException(
          "damaged: the decoder reported "
              + errors
              + (errors == 1 ? " error" : " errors")
              + " (first: "
              + clean(firstError)
              + ")");
    }
  }

  /** ffmpeg's lines start with "[h264 @ 0x55d0…]": the address means nothing to anyone. */
  private static String clean(String line) {
    return line == null ? "" : line.replaceAll(" @ 0x[0-9a-f]+", "").strip();
  }
}
