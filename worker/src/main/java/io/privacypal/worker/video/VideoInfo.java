package io.privacypal.worker.video;

/**
 * What ffprobe says about an input. {@code width} and {@code height} are as displayed, after the
 * rotation ffmpeg applies when decoding; {@code variableFrameRate} is true when the stream's
 * nominal and average rates differ, and the decoder then resamples to {@code frameRate}. {@code
 * frameRateFraction} is the same rate as ffmpeg writes it ("30000/1001"), so the encoder keeps it
 * exact.
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
    boolean variableFrameRate) {

  /** Frame sizes rounded up to even numbers, as the decoder pads them for 4:2:0. */
  public int paddedWidth() {
    return width + (width & 1);
  }

  public int paddedHeight() {
    return height + (height & 1);
  }
}
