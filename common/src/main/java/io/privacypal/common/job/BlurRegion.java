package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A box, in pixels of the input video, that is blurred in every frame it covers; with a time range
 * it is blurred only between {@code startSeconds} and {@code endSeconds} (inclusive).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlurRegion(
    int x, int y, int width, int height, Double startSeconds, Double endSeconds) {
  public BlurRegion {
    if (x < 0 || y < 0) {
      throw new InvalidJobOptionsException("region x and y must be >= 0, got " + x + "," + y);
    }
    if (width <= 0 || height <= 0) {
      throw new InvalidJobOptionsException(
          "region width and height must be > 0, got " + width + "x" + height);
    }
    if (startSeconds != null && startSeconds < 0) {
      throw new InvalidJobOptionsException("region startSeconds must be >= 0");
    }
    if (startSeconds != null && endSeconds != null && endSeconds < startSeconds) {
      throw new InvalidJobOptionsException("region endSeconds must not be before startSeconds");
    }
  }

  public static BlurRegion of(int x, int y, int width, int height) {
    return new BlurRegion(x, y, width, height, null, null);
  }

  public boolean activeAt(double seconds) {
    return (startSeconds == null || seconds >= startSeconds)
        && (endSeconds == null || seconds <= endSeconds);
  }

  public boolean fitsWithin(int frameWidth, int frameHeight) {
    return (long) x + width <= frameWidth && (long) y + height <= frameHeight;
  }
}
