package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A closer look where the video's recent keyframes had a small head that the tiles did not find
 * again: a square of 2.5 head boxes around it (at least the network's input, so never enlarged),
 * searched upright and turned by ±15°. A 48 px profile bowed by 15-25° (the leak benchmark's {@code
 * profile-small}) is found this way in 13 of its 14 last keyframes and by the tiles in 1; squares
 * of 3 and 4 head boxes, or turns of ±10°, lost it after 5 to 7.
 */
final class NearKnownFaces {
  /** Heads up to this size (the longer side of the box) get the closer look. */
  static final double SMALL_HEAD = 120;

  /** The square's side in head boxes (a head box is about 1.5 faces). */
  private static final double SQUARE_PER_HEAD = 2.5;

  private static final double[] ANGLES = {0, -15, 15};

  private NearKnownFaces() {}

  /** Whether {@code head} is small enough and no box of {@code found} covers its centre. */
  static boolean lost(FaceBox head, List<FaceBox> found) {
    if (Math.max(head.width(), head.height()) > SMALL_HEAD) {
      return false;
    }
    return found.stream()
        .noneMatch(
            box ->
                head.centerX() >= box.x()
                    && head.centerX() <= box.x() + box.width()
                    && head.centerY() >= box.y()
                    && head.centerY() <= box.y() + box.height());
  }

  /** Adds the faces the network finds around {@code head}, in the image's pixels. */
  static void search(BlazeFaceNet net, Mat rgb, FaceBox head, List<BlazeFaceNet.Face> into) {
    int side =
        (int)
            Math.max(
                BlazeFaceNet.INPUT,
                Math.round(SQUARE_PER_HEAD * Math.max(head.width(), head.height())));
    Point centre = new Point(head.centerX(), head.centerY());
    Mat square = new Mat();
    try {
      for (double angle : ANGLES) {
        Mat forward = Imgproc.getRotationMatrix2D(centre, angle, 1.0);
        Mat back = new Mat();
        try {
          forward.put(0, 2, forward.get(0, 2)[0] - (centre.x - side / 2.0));
          forward.put(1, 2, forward.get(1, 2)[0] - (centre.y - side / 2.0));
          Imgproc.warpAffine(
              rgb,
              square,
              forward,
              new Size(side, side),
              Imgproc.INTER_LINEAR,
              Core.BORDER_CONSTANT,
              new Scalar(0, 0, 0));
          Imgproc.invertAffineTransform(forward, back);
          List<BlazeFaceNet.Face> found = new ArrayList<>();
          net.detect(square, 0, 0, side, found);
          for (BlazeFaceNet.Face face : found) {
            BlazeFaceNet.Face inImage = mapped(face, back, rgb.cols(), rgb.rows());
            if (inImage != null) {
              into.add(inImage);
            }
          }
        } finally {
          forward.release();
          back.release();
        }
      }
    } finally {
      square.release();
    }
  }

  /**
   * The face in the image's pixels: its key points exactly, its box the same size around its mapped
   * centre (the head's box follows from the key points, which carry the tilt).
   */
  private static BlazeFaceNet.Face mapped(BlazeFaceNet.Face face, Mat back, int width, int height) {
    double[] m = {
      back.get(0, 0)[0], back.get(0, 1)[0], back.get(0, 2)[0],
      back.get(1, 0)[0], back.get(1, 1)[0], back.get(1, 2)[0]
    };
    double[] points = new double[face.keypoints().length];
    for (int k = 0; k < points.length; k += 2) {
      double x = face.keypoints()[k];
      double y = face.keypoints()[k + 1];
      points[k] = m[0] * x + m[1] * y + m[2];
      points[k + 1] = m[3] * x + m[4] * y + m[5];
    }
    FaceBox box = face.box();
    double cx = m[0] * box.centerX() + m[1] * box.centerY() + m[2];
    double cy = m[3] * box.centerX() + m[4] * box.centerY() + m[5];
    double left = Math.max(0, cx - box.width() / 2);
    double top = Math.max(0, cy - box.height() / 2);
    double right = Math.min(width, cx + box.width() / 2);
    double bottom = Math.min(height, cy + box.height() / 2);
    if (right <= left || bottom <= top) {
      return null;
    }
    return new BlazeFaceNet.Face(
        new FaceBox(left, top, right - left, bottom - top, box.confidence()), points);
  }
}
