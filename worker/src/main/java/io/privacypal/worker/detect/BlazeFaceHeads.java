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
   * Proportions around BlazeFace's box, which on the leak benchmark's labelled heads is already
   * about as wide as the head from ear to ear (1.1x) and a little shorter than hairline to chin
   * (0.9x, its centre lower): the frontal head is that box, taller and raised, and a turned one
   * reaches towards the back of the head (TurnedHeadCoverTest: ear, hair and jaw of a profile). The
   * first proportions (1.0, 0.65, 0.72, 0.9, 0.35), with boxScale on top, made covers 2.6x the true
   * head across and left 25 % of the picture around the heads blurred.
   */
  static final HeadGeometry.Proportions PROPORTIONS =
      new HeadGeometry.Proportions(0.62, 0.5, 0.5, 0.8, 0.3);

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
    return HeadGeometry.head(face.box(), pose(face), PROPORTIONS, width, height);
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
