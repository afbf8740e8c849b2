package io.privacypal.worker.detect.head;

import io.privacypal.common.detect.FaceBox;

/**
 * The box of a whole head (hair, ears, chin, and the back of the head when it is turned) from what
 * a detector knows about the face: its box, which way is up (roll) and how far it is turned (yaw).
 * The head is a rectangle in the face's own axes, its sides in units of the face box's size,
 * shifted towards the back of the head and widened as the head turns; the answer is the rectangle's
 * axis-aligned bounds, never smaller than the face box.
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
    left = Math.max(0, left);
    top = Math.max(0, top);
    right = Math.min(width, right);
    bottom = Math.min(height, bottom);
    if (right <= left || bottom <= top) {
      return face;
    }
    return new FaceBox(left, top, right - left, bottom - top, face.confidence());
  }
}
