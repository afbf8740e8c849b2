package io.privacypal.worker.detect.head;

import io.privacypal.common.detect.FaceBox;
import java.util.Optional;

/**
 * The box of a whole head (hair, ears, chin, and the back of the head when it is turned) from what
 * a detector knows about the face: its box, which way is up (roll) and how far it is turned (yaw).
 * The head is a rectangle in the face's own axes, its sides in units of the face box's size,
 * shifted towards the back of the head and widened as the head turns; the answer is the rectangle's
 * axis-aligned bounds, never smaller than the face box. (Bounding the ellipse inside it instead,
 * with these proportions, left tilted heads bare: BlazeFace's long-1080p leaked 55 face-frames
 * against 18; only proportions measured for an ellipse, as BlazeFaceHeads' key-point heads, use
 * {@link #ellipse}.)
 */
public final class HeadGeometry {
  /**
   * Where the head lies around a face box, in units of the box's mean side, from its centre.
   *
   * @param above centre to the top of the hair
   * @param below centre to below the chin
   * @param halfWidth half the width of a head seen from the front (ears and hair)
   * @param turnedHalfWidth half the width of a head seen in profile (nose to back of the head)
   * @param backShift how far the centre of a head in profile lies behind the face box's centre
   */
  public record Proportions(
      double above, double below, double halfWidth, double turnedHalfWidth, double backShift) {}

  /**
   * A face's direction: {@code up} as a unit vector in image pixels, and {@code facing} in -1..1.
   */
  public record Pose(double upX, double upY, double facing) {
    public static final Pose UPRIGHT = new Pose(0, -1, 0);

    /**
     * {@code facing} is the sine of the yaw, positive when the face looks towards the image's right
     * (the back of the head is then on the left), negative towards its left.
     */
    public Pose {
      double length = Math.hypot(upX, upY);
      if (!(length > 0) || !(facing >= -1 && facing <= 1)) {
        throw new IllegalArgumentException("a pose needs an up direction and a facing in -1..1");
      }
      upX /= length;
      upY /= length;
    }

    /** Tilted by {@code degrees} clockwise on screen from upright. */
    public static Pose rolled(double degrees, double facing) {
      double radians = Math.toRadians(degrees);
      return new Pose(Math.sin(radians), -Math.cos(radians), facing);
    }
  }

  private HeadGeometry() {}

  /**
   * The head's box in the same pixels as {@code face}, clamped to a {@code width}x{@code height}
   * frame.
   */
  public static FaceBox head(FaceBox face, Pose pose, Proportions p, int width, int height) {
    double size = (face.width() + face.height()) / 2;
    // The face's axes: "across" points to the image's right for an upright face.
    double downX = -pose.upX();
    double downY = -pose.upY();
    double acrossX = downY;
    double acrossY = -downX;
    double turn = Math.abs(pose.facing());
    double centreAcross = -pose.facing() * p.backShift() * size;
    double half = (p.halfWidth() + (p.turnedHalfWidth() - p.halfWidth()) * turn) * size;
    double[] acrossEnds = {centreAcross - half, centreAcross + half};
    double[] downEnds = {-p.above() * size, p.below() * size};
    double left = face.x();
    double top = face.y();
    double right = face.x() + face.width();
    double bottom = face.y() + face.height();
    for (double a : acrossEnds) {
      for (double d : downEnds) {
        double x = face.centerX() + a * acrossX + d * downX;
        double y = face.centerY() + a * acrossY + d * downY;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    FaceBox head = new FaceBox(left, top, right - left, bottom - top, face.confidence());
    return clamp(head, width, height).orElse(face);
  }

  /**
   * The bounds of an ellipse centred on ({@code centreX}, {@code centreY}) with half axes {@code
   * halfAcross} and {@code halfDown} along the face's axes of {@code pose}.
   */
  public static FaceBox ellipse(
      double centreX,
      double centreY,
      double halfAcross,
      double halfDown,
      Pose pose,
      double confidence) {
    double downX = -pose.upX();
    double downY = -pose.upY();
    double reachX = Math.hypot(halfAcross * downY, halfDown * downX);
    double reachY = Math.hypot(halfAcross * downX, halfDown * downY);
    return new FaceBox(centreX - reachX, centreY - reachY, 2 * reachX, 2 * reachY, confidence);
  }

  /** The part of {@code box} inside a {@code width}x{@code height} frame, if any. */
  public static Optional<FaceBox> clamp(FaceBox box, int width, int height) {
    double left = Math.max(0, box.x());
    double top = Math.max(0, box.y());
    double right = Math.min(width, box.x() + box.width());
    double bottom = Math.min(height, box.y() + box.height());
    if (right <= left || bottom <= top) {
      return Optional.empty();
    }
    return Optional.of(new FaceBox(left, top, right - left, bottom - top, box.confidence()));
  }

  /** The smallest box holding both, with the first one's confidence. */
  public static FaceBox union(FaceBox a, FaceBox b) {
    double left = Math.min(a.x(), b.x());
    double top = Math.min(a.y(), b.y());
    double right = Math.max(a.x() + a.width(), b.x() + b.width());
    double bottom = Math.max(a.y() + a.height(), b.y() + b.height());
    return new FaceBox(left, top, right - left, bottom - top, a.confidence());
  }
}
