package io.privacypal.worker.detect;

import java.util.ArrayList;
import java.util.List;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.Video;

/**
 * What changed in a video's picture between two keyframes beyond the camera's own motion: each grey
 * plane is shrunk to a thumbnail {@link #WIDTH} px wide, the camera's pan and zoom between the two
 * is found from corners tracked across them (a shift, a scale and a turn that most corners agree
 * on, so faces walking through do not pull it), and the earlier thumbnail, moved that way, is
 * subtracted from this one. What the motion brought into view has no earlier pixels and counts as
 * changed. Anything that moved on its own (a face walking, turning, coming in) changes the cells it
 * covers. Not thread-safe: one per video.
 */
final class MovedPixels implements AutoCloseable {
  /** Thumbnail width: a 24 px head at 1920x1080 is 4 px of it. */
  static final int WIDTH = 320;

  /** Grey-level change of a thumbnail pixel (mean of 3x3) that counts as a change. */
  static final double CHANGED_ABOVE = 20;

  /** Stands for the pixels the motion brought into view: always more than any real change. */
  private static final double UNSEEN = 1000;

  /** Sigma of the Gaussian blur of each thumbnail, in its pixels. */
  private static final double SMOOTHING = 1;

  /** Thumbnail pixels along each edge whose change is taken from those further in. */
  private static final int BORDER = 3;

  /** Corners tracked, and how many must agree on the camera's motion for it to count. */
  private static final int CORNERS = 200;

  private static final int AGREEING = 20;

  private Mat previous = new Mat();
  private Mat current = new Mat();
  private Mat previousGrey = new Mat();
  private Mat currentGrey = new Mat();
  private final Mat residual = new Mat();
  private double scale;
  private Mat motion = new Mat();

  /**
   * Takes the next keyframe's grey plane; false when there is nothing to compare it with (the first
   * one, or a camera motion no corners agree on): then everything counts as changed.
   */
  boolean next(Mat luma) {
    scale = (double) WIDTH / luma.cols();
    Imgproc.resize(luma, currentGrey, new Size(), scale, scale, Imgproc.INTER_AREA);
    currentGrey.convertTo(current, CvType.CV_32F);
    // Two thumbnails of one picture taken half a pixel apart differ at every sharp edge.
    Imgproc.GaussianBlur(current, current, new Size(5, 5), SMOOTHING);
    motion.release();
    residual.release();
    if (!previous.empty() && previous.size().equals(current.size())) {
      motion = cameraMotion();
      if (!motion.empty()) {
        compare();
      }
    }
    Mat swap = previous;
    previous = current;
    current = swap;
    swap = previousGrey;
    previousGrey = currentGrey;
    currentGrey = swap;
    return !residual.empty();
  }

  /** The camera's motion from the previous thumbnail to this one (2x3), or empty when unsure. */
  private Mat cameraMotion() {
    MatOfPoint corners = new MatOfPoint();
    MatOfPoint2f from = new MatOfPoint2f();
    MatOfPoint2f to = new MatOfPoint2f();
    MatOfByte found = new MatOfByte();
    MatOfFloat error = new MatOfFloat();
    Mat inliers = new Mat();
    try {
      Imgproc.goodFeaturesToTrack(previousGrey, corners, CORNERS, 0.01, 6);
      if (corners.rows() < AGREEING) {
        return new Mat();
      }
      from.fromArray(corners.toArray());
      Video.calcOpticalFlowPyrLK(previousGrey, currentGrey, from, to, found, error);
      Point[] a = from.toArray();
      Point[] b = to.toArray();
      byte[] ok = found.toArray();
      List<Point> kept = new ArrayList<>();
      List<Point> keptTo = new ArrayList<>();
      for (int i = 0; i < ok.length; i++) {
        if (ok[i] != 0) {
          kept.add(a[i]);
          keptTo.add(b[i]);
        }
      }
      if (kept.size() < AGREEING) {
        return new Mat();
      }
      MatOfPoint2f src = new MatOfPoint2f(kept.toArray(new Point[0]));
      MatOfPoint2f dst = new MatOfPoint2f(keptTo.toArray(new Point[0]));
      try {
        Mat m = Calib3d.estimateAffinePartial2D(src, dst, inliers, Calib3d.RANSAC, 1.0);
        if (m.empty() || Core.countNonZero(inliers) < AGREEING) {
          m.release();
          return new Mat();
        }
        return m;
      } finally {
        src.release();
        dst.release();
      }
    } finally {
      corners.release();
      from.release();
      to.release();
      found.release();
      error.release();
      inliers.release();
    }
  }

  private void compare() {
    Mat moved = new Mat();
    Mat seen = new Mat();
    Mat ones = new Mat(previous.size(), CvType.CV_32F, new Scalar(1));
    Mat unseen = new Mat();
    try {
      Imgproc.warpAffine(
          previous, moved, motion, current.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
      Core.absdiff(current, moved, residual);
      Imgproc.blur(residual, residual, new Size(3, 3));
      ignoreBorder();
      Imgproc.warpAffine(
          ones,
          seen,
          motion,
          current.size(),
          Imgproc.INTER_LINEAR,
          Core.BORDER_CONSTANT,
          new Scalar(0));
      Core.compare(seen, new Scalar(0.999), unseen, Core.CMP_LT);
      Imgproc.dilate(
          unseen, unseen, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
      residual.setTo(new Scalar(UNSEEN), unseen);
    } finally {
      moved.release();
      seen.release();
      ones.release();
      unseen.release();
    }
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
   * Where the camera's motion since the last keyframe took a point of the frame (in its pixels).
   */
  Point moved(Point p) {
    if (motion.empty()) {
      return p;
    }
    double x = p.x * scale;
    double y = p.y * scale;
    double[] m = new double[6];
    motion.get(0, 0, m);
    return new Point((m[0] * x + m[1] * y + m[2]) / scale, (m[3] * x + m[4] * y + m[5]) / scale);
  }

  /** Whether the picture changed inside the rectangle (frame pixels, may reach past the frame). */
  boolean changed(int x, int y, int width, int height) {
    return change(x, y, width, height) > CHANGED_ABOVE;
  }

  /** The largest change inside the rectangle: infinite when there was nothing to compare. */
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
    previousGrey.release();
    currentGrey.release();
    residual.release();
    motion.release();
  }
}
