package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Runs a detector of upright faces on a rotated copy of a grey image, so that a head tilted by
 * about that angle stands upright, and maps its boxes back as the axis-aligned bounds of the
 * rotated box (a little larger than the face: better than too small). The copy is enlarged so that
 * no corner of the image is cut off.
 */
final class RotatedSearch {
  private RotatedSearch() {}

  static void detect(
      Mat grey, double degrees, BiConsumer<Mat, List<FaceBox>> detector, List<FaceBox> into) {
    double radians = Math.toRadians(degrees);
    double cos = Math.abs(Math.cos(radians));
    double sin = Math.abs(Math.sin(radians));
    int width = (int) Math.ceil(grey.cols() * cos + grey.rows() * sin);
    int height = (int) Math.ceil(grey.cols() * sin + grey.rows() * cos);
    Mat forward =
        Imgproc.getRotationMatrix2D(new Point(grey.cols() / 2.0, grey.rows() / 2.0), degrees, 1.0);
    Mat back = new Mat();
    Mat rotated = new Mat();
    try {
      // Centre the rotated image on the larger canvas.
      forward.put(0, 2, forward.get(0, 2)[0] + (width - grey.cols()) / 2.0);
      forward.put(1, 2, forward.get(1, 2)[0] + (height - grey.rows()) / 2.0);
      Imgproc.warpAffine(
          grey,
          rotated,
          forward,
          new Size(width, height),
          Imgproc.INTER_LINEAR,
          Core.BORDER_CONSTANT,
          new Scalar(0));
      Imgproc.invertAffineTransform(forward, back);
      List<FaceBox> found = new ArrayList<>();
      detector.accept(rotated, found);
      double[] m = {
        back.get(0, 0)[0], back.get(0, 1)[0], back.get(0, 2)[0],
        back.get(1, 0)[0], back.get(1, 1)[0], back.get(1, 2)[0]
      };
      for (FaceBox box : found) {
        FaceBox mapped = bounds(box, m, grey.cols(), grey.rows());
        if (mapped != null) {
          into.add(mapped);
        }
      }
    } finally {
      forward.release();
      back.release();
      rotated.release();
    }
  }

  private static FaceBox bounds(FaceBox box, double[] m, int width, int height) {
    double[] xs = {box.x(), box.x() + box.width()};
    double[] ys = {box.y(), box.y() + box.height()};
    double left = Double.MAX_VALUE;
    double top = Double.MAX_VALUE;
    double right = -Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (double x : xs) {
      for (double y : ys) {
        double ox = m[0] * x + m[1] * y + m[2];
        double oy = m[3] * x + m[4] * y + m[5];
        left = Math.min(left, ox);
        right = Math.max(right, ox);
        top = Math.min(top, oy);
        bottom = Math.max(bottom, oy);
      }
    }
    left = Math.max(0, left);
    top = Math.max(0, top);
    right = Math.min(width, right);
    bottom = Math.min(height, bottom);
    return right > left && bottom > top
        ? new FaceBox(left, top, right - left, bottom - top, box.confidence())
        : null;
  }
}
