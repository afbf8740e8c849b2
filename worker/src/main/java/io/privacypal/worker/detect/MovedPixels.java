package io.privacypal.worker.detect;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What changed in a video's picture between two keyframes beyond the camera's own motion: each grey
 * plane is shrunk to a thumbnail {@link #WIDTH} px wide, the camera's shift between the two is
 * found by phase correlation, and the earlier thumbnail, moved by that shift, is subtracted from
 * this one. What the shift brought into view has no earlier pixels and counts as changed. Anything
 * that moved on its own (a face walking, turning, coming in) changes the cells it covers; a zoom is
 * not a shift and changes most of the picture. Not thread-safe: one per video.
 */
final class MovedPixels implements AutoCloseable {
  /** Thumbnail width: a 24 px head at 1920x1080 is 4 px of it. */
  static final int WIDTH = 320;

  /** Mean grey-level change of a cell of 3x3 thumbnail pixels that counts as a change. */
  static final double CHANGED_ABOVE = 20;

  /** Stands for the pixels the shift brought into view: always more than any real change. */
  private static final double UNSEEN = 1000;

  /** Sigma of the Gaussian blur of each thumbnail, in its pixels. */
  private static final double SMOOTHING = 1;

  /** Thumbnail pixels along each edge whose change is taken from those further in. */
  private static final int BORDER = 3;

  private Mat previous = new Mat();
  private Mat current = new Mat();
  private final Mat window = new Mat();
  private final Mat residual = new Mat();
  private double scale;
  private Point shift = new Point();

  /**
   * Takes the next keyframe's grey plane; false for the first one, which has nothing to compare
   * with (everything counts as changed).
   */
  boolean next(Mat luma) {
    scale = (double) WIDTH / luma.cols();
    Mat small = new Mat();
    try {
      Imgproc.resize(luma, small, new Size(), scale, scale, Imgproc.INTER_AREA);
      small.convertTo(current, CvType.CV_32F);
      // Two thumbnails of one picture taken half a pixel apart differ at every sharp edge.
      Imgproc.GaussianBlur(current, current, new Size(5, 5), SMOOTHING);
    } finally {
      small.release();
    }
    boolean compared = !previous.empty() && previous.size().equals(current.size());
    if (compared) {
      if (window.empty() || !window.size().equals(current.size())) {
        Imgproc.createHanningWindow(window, current.size(), CvType.CV_32F);
      }
      shift = correlate();
      Mat moved = new Mat();
      Mat warp = new Mat(2, 3, CvType.CV_64F);
      try {
        warp.put(0, 0, 1, 0, shift.x, 0, 1, shift.y);
        Imgproc.warpAffine(
            previous, moved, warp, current.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        Core.absdiff(current, moved, residual);
        Imgproc.blur(residual, residual, new Size(3, 3));
        ignoreBorder();
        markUnseen();
      } finally {
        moved.release();
        warp.release();
      }
    } else {
      shift = new Point();
      residual.release();
    }
    Mat swap = previous;
    previous = current;
    current = swap;
    return compared;
  }

  /** The strips along the edges that the shift brought into view (and a pixel more). */
  private void markUnseen() {
    int across = Math.min(residual.cols(), seen(shift.x));
    int down = Math.min(residual.rows(), seen(shift.y));
    int x = shift.x > 0 ? 0 : residual.cols() - across;
    int y = shift.y > 0 ? 0 : residual.rows() - down;
    residual.submat(new Rect(x, 0, across, residual.rows())).setTo(new Scalar(UNSEEN));
    residual.submat(new Rect(0, y, residual.cols(), down)).setTo(new Scalar(UNSEEN));
  }

  private static int seen(double shift) {
    int whole = (int) Math.round(Math.abs(shift));
    return whole == 0 ? 0 : whole + 1;
  }

  /**
   * The smoothing reads past the thumbnail's edges, where the two keyframes show different things:
   * the outermost pixels take the change of those just inside.
   */
  private void ignoreBorder() {
    int b = BORDER;
    Mat inside = residual.submat(new Rect(b, b, residual.cols() - 2 * b, residual.rows() - 2 * b));
    Mat copy = new Mat();
    try {
      Core.copyMakeBorder(inside, copy, b, b, b, b, Core.BORDER_REPLICATE);
      copy.copyTo(residual);
    } finally {
      inside.release();
      copy.release();
    }
  }

  /**
   * The shift from the previous thumbnail to the current one. OpenCV's phaseCorrelate applies its
   * window in place when the size needs no padding, so it gets windowed copies instead.
   */
  private Point correlate() {
    Mat before = new Mat();
    Mat after = new Mat();
    try {
      Core.multiply(previous, window, before);
      Core.multiply(current, window, after);
      return Imgproc.phaseCorrelate(before, after);
    } finally {
      before.release();
      after.release();
    }
  }

  /** The camera's shift since the last keyframe, in the frame's pixels. */
  Point shift() {
    return new Point(shift.x / scale, shift.y / scale);
  }

  /** Whether the picture changed inside the rectangle (frame pixels, may reach past the frame). */
  boolean changed(int x, int y, int width, int height) {
    return change(x, y, width, height) > CHANGED_ABOVE;
  }

  /** The largest change inside the rectangle: infinite before there is anything to compare. */
  double change(int x, int y, int width, int height) {
    if (residual.empty()) {
      return Double.POSITIVE_INFINITY;
    }
    int left = clamp((int) Math.floor(x * scale), residual.cols());
    int top = clamp((int) Math.floor(y * scale), residual.rows());
    int right = clamp((int) Math.ceil((x + width) * scale), residual.cols());
    int bottom = clamp((int) Math.ceil((y + height) * scale), residual.rows());
    if (right <= left || bottom <= top) {
      return 0;
    }
    Mat region = residual.submat(new Rect(left, top, right - left, bottom - top));
    try {
      return Core.minMaxLoc(region).maxVal;
    } finally {
      region.release();
    }
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(max, value));
  }

  @Override
  public void close() {
    previous.release();
    current.release();
    window.release();
    residual.release();
  }
}
