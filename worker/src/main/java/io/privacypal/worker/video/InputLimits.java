package io.privacypal.worker.video;

import io.privacypal.common.config.ConfigException;
import java.util.Optional;

/**
 * What an input may declare before any frame is decoded: uploaders choose these numbers, and the
 * work and memory of a job grow with them. The defaults let a 4-hour 4K video at 60 fps through
 * (and 240 fps slow motion) and stop a file that declares 1000 fps.
 */
public record InputLimits(
    int maxWidth, int maxHeight, double maxDurationSeconds, long maxFrames, double maxFrameRate) {
  public static final int DEFAULT_MAX_WIDTH = 3840;
  public static final int DEFAULT_MAX_HEIGHT = 2160;
  public static final double DEFAULT_MAX_DURATION_SECONDS = 5 * 3600;
  public static final long DEFAULT_MAX_FRAMES = 1_000_000;
  public static final double DEFAULT_MAX_FRAME_RATE = 240;
  public static final InputLimits DEFAULTS =
      new InputLimits(
          DEFAULT_MAX_WIDTH,
          DEFAULT_MAX_HEIGHT,
          DEFAULT_MAX_DURATION_SECONDS,
          DEFAULT_MAX_FRAMES,
          DEFAULT_MAX_FRAME_RATE);

  public InputLimits {
    if (maxWidth <= 0 || maxHeight <= 0) {
      throw new ConfigException("the maximum video size must be positive");
    }
    if (!(maxDurationSeconds > 0) || maxFrames <= 0 || !(maxFrameRate > 0)) {
      throw new ConfigException(
          "the maximum duration, frame count and frame rate must be positive");
    }
  }

  public InputLimits withMaxSize(int width, int height) {
    return new InputLimits(width, height, maxDurationSeconds, maxFrames, maxFrameRate);
  }

  /** Why {@code info} is over a limit; empty when it is within all of them. */
  Optional<String> refusal(VideoInfo info) {
    if (info.width() > maxWidth || info.height() > maxHeight) {
      return Optional.of(
          "resolution "
              + info.width()
              + "x"
              + info.height()
              + " is over the limit of "
              + maxWidth
              + "x"
              + maxHeight);
    }
    if (info.frameRate() > maxFrameRate) {
      return Optional.of(
          "frame rate "
              + Math.round(info.frameRate())
              + " fps is over the limit of "
              + Math.round(maxFrameRate)
              + " fps");
    }
    if (info.durationSeconds() > maxDurationSeconds) {
      return Optional.of(
          "duration "
              + Math.round(info.durationSeconds())
              + " s is over the limit of "
              + Math.round(maxDurationSeconds)
              + " s");
    }
    if (info.estimatedFrames() > maxFrames) {
      return Optional.of(info.estimatedFrames() + " frames are over the limit of " + maxFrames);
    }
    return Optional.empty();
  }
}
