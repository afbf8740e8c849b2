package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.detect.head.HeadGeometry;

/**
 * Turns BlazeFace's face box and key points into the box of the whole head: up runs from the mouth
 * to between the eyes, and the head is turned as far as the nose stands out from between the ear
 * tragions, which the network places even on the hidden side of a turned head.
 */
final class BlazeFaceHeads {
  /**
   * Proportions around BlazeFace's box for a large frontal head. That box is already about as wide
   * as the head from ear to ear on the leak benchmark's labelled heads (1.1x) and a little shorter
   * than hairline to chin (0.9x, its centre lower): the head is that box, taller and raised. Closer
   * still (0.62 above, 0.5 below and to the sides) left foreheads and turned heads' far sides bare
   * on the leak benchmark's long-1080p (27 leaked face-frames against 18 with these).
   */
  static final HeadGeometry.Proportions CLOSE =
      new HeadGeometry.Proportions(0.75, 0.55, 0.55, 0.9, 0.35);

  /**
   * For a large head in profile, whose box covers less of the head: it reaches further above and
   * below, and to the back of the head (TurnedHeadCoverTest: ear, hair on top and at the back,
   * jaw): as far above and below as {@link #LOOSE}.
   */
  static final HeadGeometry.Proportions CLOSE_PROFILE =
      new HeadGeometry.Proportions(1.0, 0.65, 0.5, 0.9, 0.35);

  /**
   * For a small head, whose box is a few pixels off as often as a large one's: with {@link #CLOSE}
   * a 48 px profile and a 70 px walker leaked at its edges, so small heads keep these wider
   * proportions (the first ones, measured on the six test photos). On large heads, with boxScale on
   * top, they made covers 2.6x the true head across: a quarter of the picture around three heads
   * was blurred.
   */
  static final HeadGeometry.Proportions LOOSE =
      new HeadGeometry.Proportions(1.0, 0.65, 0.72, 0.9, 0.35);

  /** Box sizes (mean side, pixels) up to which a head is small, and from which it is large. */
  static final double SMALL_UP_TO = 40;

  static final double LARGE_FROM = 80;

  /** How far the nose stands out of the tragions' midpoint in profile, in units of the box size. */
  static final double PROFILE_NOSE_OFFSET = 0.75;

  private static final int RIGHT_EYE = 0;
  private static final int LEFT_EYE = 1;
  private static final int NOSE = 2;
  private static final int MOUTH = 3;
  private static final int RIGHT_EAR = 4;
  private static final int LEFT_EAR = 5;

  private BlazeFaceHeads() {}

  static FaceBox head(BlazeFaceNet.Face face, int width, int height) {
    FaceBox box = face.box();
    HeadGeometry.Pose pose = pose(face);
    return HeadGeometry.head(
        box, pose, proportions((box.width() + box.height()) / 2, pose.facing()), width, height);
  }

  /**
   * {@link #LOOSE} for small heads, {@link #CLOSE} for large frontal ones and {@link
   * #CLOSE_PROFILE} for large ones in profile, in between linearly.
   */
  static HeadGeometry.Proportions proportions(double size, double facing) {
    // In step with the turn: by its square, a head turned half way kept a quarter of the profile's
    // margins and leaked its far side.
    HeadGeometry.Proportions close = between(CLOSE, CLOSE_PROFILE, Math.abs(facing));
    double t = Math.max(0, Math.min(1, (size - SMALL_UP_TO) / (LARGE_FROM - SMALL_UP_TO)));
    return between(LOOSE, close, t);
  }

  private static HeadGeometry.Proportions between(
      HeadGeometry.Proportions from, HeadGeometry.Proportions to, double t) {
    return new HeadGeometry.Proportions(
        between(from.above(), to.above(), t),
        between(from.below(), to.below(), t),
        between(from.halfWidth(), to.halfWidth(), t),
        between(from.turnedHalfWidth(), to.turnedHalfWidth(), t),
        between(from.backShift(), to.backShift(), t));
  }

  private static double between(double from, double to, double t) {
    return from + (to - from) * t;
  }

  static HeadGeometry.Pose pose(BlazeFaceNet.Face face) {
    double upX = (face.x(RIGHT_EYE) + face.x(LEFT_EYE)) / 2 - face.x(MOUTH);
    double upY = (face.y(RIGHT_EYE) + face.y(LEFT_EYE)) / 2 - face.y(MOUTH);
    double length = Math.hypot(upX, upY);
    if (!(length > 0)) {
      return HeadGeometry.Pose.UPRIGHT;
    }
    // "Across" is up turned a quarter clockwise: the image's right for an upright face.
    double acrossX = -upY / length;
    double acrossY = upX / length;
    double noseX = face.x(NOSE) - (face.x(RIGHT_EAR) + face.x(LEFT_EAR)) / 2;
    double noseY = face.y(NOSE) - (face.y(RIGHT_EAR) + face.y(LEFT_EAR)) / 2;
    double size = (face.box().width() + face.box().height()) / 2;
    double facing = (noseX * acrossX + noseY * acrossY) / (PROFILE_NOSE_OFFSET * size);
    return new HeadGeometry.Pose(upX, upY, Math.max(-1, Math.min(1, facing)));
  }
}
