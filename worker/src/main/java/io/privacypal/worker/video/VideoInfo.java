package io.privacypal.worker.video;

/**
 * What ffprobe says about an input. {@code width} and {@code height} are as displayed, after the
 * rotation ffmpeg applies when decoding; {@code variableFrameRate} is true when the stream's
 * nominal and average rates differ, and the decoder then resamples to {@code frameRate}. {@code
 * frameRateFraction} is the same rate as ffmpeg writes it ("30000/1001"), so the encoder keeps it
 * exact. {@code frameCountFromIndex} is true when {@code estimatedFrames} is the container's own
 * count (an MP4's sample table, an AVI's header), false when it is duration x rate.
 */
public record VideoInfo(
    int width,
    int height,
    double frameRate,
    String frameRateFraction,
    long estimatedFrames,
    double durationSeconds,
    boolean hasAudio,
    String audioCodec,
    int rotation,
    boolean variableFrameRate,
    boolean frameCountFromIndex,
    Colour colour) {

  /**
   * The colour description as ffmpeg names it ("bt709", "smpte2084"), each null when unknown. The
   * decoder keeps the pixels in this colour space, so the output carries the same description.
   */
  public record Colour(String primaries, String transfer, String matrix) {
    public static final Colour UNKNOWN = new Colour(null, null, null);
  }

  /** Frame sizes rounded up to even numbers, as the decoder pads them for 4:2:0. */
  public int paddedWidth() {
    return width + (width & 1);
  }

  public int paddedHeight() {
    return height + (height & 1);
  }
}
