package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Over-blur: the share of pixels outside every true face box, grown by 25 % on each side, that the
 * output changed. A pixel counts as changed when the mean absolute grey difference between source
 * and output over the 8x8 square around it exceeds {@link #CHANGED_ABOVE}: re-encoding alone moves
 * that mean by 1-4 levels on these noisy clips, a mosaic or blur of textured photo far more.
 */
final class OverBlurMeter {
  static final double GROWTH = 0.25;
  static final double CHANGED_ABOVE = 8;
  private static final int WINDOW = 8;

  private final Mat difference = new Mat();
  private final Mat outside = new Mat();
  private long changed;
  private long pixels;

  /** Adds one frame. */
  void add(Mat source, Mat output, List<TrueFace> faces) {
    changedOutside(source, output, faces, difference, outside);
    changed += Core.countNonZero(difference);
    pixels += Core.countNonZero(outside);
  }

  /**
   * Marks in {@code outside} (255) the pixels outside every grown true box, and in {@code changed}
   * those of them that the output changed.
   */
  static void changedOutside(
      Mat source, Mat output, List<TrueFace> faces, Mat changed, Mat outside) {
    Core.absdiff(source, output, changed);
    Imgproc.blur(changed, changed, new Size(WINDOW, WINDOW));
    Imgproc.threshold(changed, changed, CHANGED_ABOVE, 255, Imgproc.THRESH_BINARY);
    if (outside.rows() != source.rows() || outside.cols() != source.cols()) {
      outside.create(source.rows(), source.cols(), CvType.CV_8U);
    }
    outside.setTo(new Scalar(255));
    for (TrueFace face : faces) {
      FaceBox b = face.box();
      double gx = b.width() * GROWTH;
      double gy = b.height() * GROWTH;
      Imgproc.rectangle(
          outside,
          new Point(b.x() - gx, b.y() - gy),
          new Point(b.x() + b.width() + gx, b.y() + b.height() + gy),
          new Scalar(0),
          -1);
    }
    Core.bitwise_and(changed, outside, changed);
  }

  /** Changed pixels outside the grown boxes, as a share of all pixels outside them (0-1). */
  double share() {
    return pixels == 0 ? 0 : (double) changed / pixels;
  }

  void release() {
    difference.release();
    outside.release();
  }
}
