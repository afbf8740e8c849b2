package io.privacypal.worker.blur;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.job.BlurRegion;
import java.util.Optional;

/** An area of a frame to cover, in whole pixels, inside the frame. */
public record PixelBox(int x, int y, int width, int height) {
  public PixelBox {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("an area needs a positive size");
    }
  }

  /**
   * How much a detector's box is enlarged for a job's {@code boxScale}, which enlarges the face
   * box: a box that is the face gets it whole; a box that is the whole head, whose face takes
   * {@code faceShare} of each side ({@link io.privacypal.common.detect.FaceDetector#faceShare()}),
   * gets the margin that enlarging its face adds, in pixels, on each side: the head's own margins
   * around the face are measured and need no enlarging. The local detector's heads (face 0.7 of the
   * side) are enlarged 1.21x at the default 1.3; enlarged 1.3x like face boxes, its covers blurred
   * 3-18 % of the leak benchmark's pictures around the true heads.
   */
  public static double scaleFor(double boxScale, double faceShare) {
    return 1 + (boxScale - 1) * faceShare;
  }

  /** A face box enlarged by {@code scale} around its centre, rounded outward and clamped. */
  public static Optional<PixelBox> cover(
      FaceBox face, double scale, int frameWidth, int frameHeight) {
    FaceBox grown = face.scaled(scale);
    return clamp(
        Math.floor(grown.x()),
        Math.floor(grown.y()),
        Math.ceil(grown.x() + grown.width()),
        Math.ceil(grown.y() + grown.height()),
        frameWidth,
        frameHeight);
  }

  /**
   * A manual region, clamped to the frame (a region partly outside still covers what is inside).
   */
  public static Optional<PixelBox> of(BlurRegion region, int frameWidth, int frameHeight) {
    return clamp(
        region.x(),
        region.y(),
        (double) region.x() + region.width(),
        (double) region.y() + region.height(),
        frameWidth,
        frameHeight);
  }

  private static Optional<PixelBox> clamp(
      double x0, double y0, double x1, double y1, int frameWidth, int frameHeight) {
    int left = (int) Math.max(0, x0);
    int top = (int) Math.max(0, y0);
    int right = (int) Math.min(frameWidth, x1);
    int bottom = (int) Math.min(frameHeight, y1);
    if (right <= left || bottom <= top) {
      return Optional.empty();
    }
    return Optional.of(new PixelBox(left, top, right - left, bottom - top));
  }

  /** The same area on a plane subsampled by 2 (I420 chroma), rounded outward. */
  public PixelBox halved(int planeWidth, int planeHeight) {
    int left = x / 2;
    int top = y / 2;
    int right = Math.min(planeWidth, (x + width + 1) / 2);
    int bottom = Math.min(planeHeight, (y + height + 1) / 2);
    return new PixelBox(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
  }
}
