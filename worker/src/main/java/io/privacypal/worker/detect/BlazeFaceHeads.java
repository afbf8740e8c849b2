package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.detect.head.HeadGeometry;

/**
 * Turns BlazeFace's face box and key points into the box of the whole head. Up runs from the mouth
 * to between the eyes; the head reaches above the eyes and below the mouth in proportion to the
 * distance between them, and across as far as the outermost key points (the ear tragions, which the
 * network places even on the hidden side of a turned head, and the nose of a profile), further
 * behind them towards the back of the head as the head turns. The head is turned as far as the nose
 * stands out from between the tragions.
 *
 * <p>The head is the ellipse inside those reaches, tilted with the face. Its margins come from
 * HeadCoverStudy: BlazeFace on every 10th frame of the leak benchmark's seven clips (671 true heads
 * of 24-300 px, frontal to profile, tilted up to 30°), chosen as the smallest for which the cover
 * (this box grown by boxScale 1.3) leaves part of at most one true head bare, by under 2 % of its
 * side (it is one, by 0.6 %). The covers came to 1.65x the true head across and 1.76x down at the
 * median, against 2.04x and 1.74x with the box-based proportions before (which left none bare), and
 * their area outside the true head grown 1.5x fell from 1.52 to 0.82 true heads.
 */
final class BlazeFaceHeads {
  /**
   * Above the eyes, in eye-to-mouth distances: hair line to eyes took 1.2 of them at the median,
   * 1.6 at the 98th percentile (a high forehead, a bowed head).
   */
  static final double ABOVE_EYES = 1.8;

  /** Below the mouth: 0.55 at the median, 0.8 at the 98th percentile. */
  static final double BELOW_MOUTH = 0.95;

  /** Beyond the outermost key points on either side of a frontal head (ear and hair). */
  static final double BESIDE_FRONTAL = 0.25;

  /** Beyond the outermost key point on the side a profile looks to (the nose tip). */
  static final double FRONT_PROFILE = 0.4;

  /** Beyond the outermost key point on the back of a profile: the back of the head. */
  static final double BACK_PROFILE = 1.3;

  /**
   * The eye-to-mouth distance is never taken below this share of the box's mean side: it was 0.40
   * to 0.51 on the benchmark's heads, and a bowed head foreshortens it.
   */
  static final double LEAST_EYE_TO_MOUTH = 0.4;

  /**
   * For a small head, whose box and key points are a few pixels off as often as a large one's: the
   * key-point head is joined with these proportions of the box (a 48 px profile and a 70 px walker
   * leaked at their edges with closer ones).
   */
  static final HeadGeometry.Proportions LOOSE =
      new HeadGeometry.Proportions(1.0, 0.65, 0.72, 0.9, 0.35);

  /**
   * For a large frontal head that reaches past the frame's edge, joined with its key-point head:
   * the box-based proportions measured before the key points were used (on the labelled heads about
   * ear to ear and a little short of hairline to chin; closer ones left foreheads bare).
   */
  static final HeadGeometry.Proportions CLOSE =
      new HeadGeometry.Proportions(0.75, 0.55, 0.55, 0.9, 0.35);

  /** The same for a large head in profile, between them linearly with the turn. */
  static final HeadGeometry.Proportions CLOSE_PROFILE =
      new HeadGeometry.Proportions(1.0, 0.65, 0.5, 0.9, 0.35);

  /** Box sizes (mean side, pixels) up to which a head is small, and from which it is large. */
  static final double SMALL_UP_TO = 40;

  static final double LARGE_FROM = 80;

  /** How far the nose stands out of the tragions' midpoint in profile, in units of the box size. */
  static final double PROFILE_NOSE_OFFSET = 0.75;

  private static final int RIGHT_EYE = 0;
  private static final int LEFT_EYE = 1;
  private static final int NOSE = 2;
  private static final int MOUTH = 3;
  private static final int KEYPOINTS = 6;

  private static final int RIGHT_EAR = 4;
  private static final int LEFT_EAR = 5;

  private BlazeFaceHeads() {}

  /**
   * The head from the key points for a large head; for a small one also the box's {@link #LOOSE}
   * proportions, from all of both below {@link #SMALL_UP_TO} to none from {@link #LARGE_FROM}, and
   * all of both, with the box's {@code cutProportions}, for a head that reaches past the frame's
   * edge: the network saw only part of that face, and with the key points alone heads cut by an
   * edge or half hidden leaked for up to 24 frames on the leak benchmark's long-1080p.
   */
  static FaceBox head(BlazeFaceNet.Face face, int width, int height) {
    FaceBox box = face.box();
    HeadGeometry.Pose pose = pose(face);
    FaceBox head = fromKeypoints(face, pose);
    double size = (box.width() + box.height()) / 2;
    double large = Math.max(0, Math.min(1, (size - SMALL_UP_TO) / (LARGE_FROM - SMALL_UP_TO)));
    boolean cut =
        head.x() < 0
            || head.y() < 0
            || head.x() + head.width() > width
            || head.y() + head.height() > height;
    if (large < 1 || cut) {
      HeadGeometry.Proportions joined = cut ? cutProportions(large, pose.facing()) : LOOSE;
      FaceBox fromBox = HeadGeometry.head(box, pose, joined, Integer.MAX_VALUE, Integer.MAX_VALUE);
      head = between(HeadGeometry.union(head, fromBox), head, cut ? 0 : large);
    }
    return HeadGeometry.clamp(head, width, height).orElse(box);
  }

  /**
   * The box-based proportions joined with a head cut by the frame's edge: {@link #LOOSE} for a
   * small one, {@link #CLOSE} to {@link #CLOSE_PROFILE} with the turn for a large one (the loose
   * ones on every large head cut by the top edge, as a zooming camera's backdrop heads are, covered
   * a fifth of pan-zoom around them).
   */
  private static HeadGeometry.Proportions cutProportions(double large, double facing) {
    HeadGeometry.Proportions close = between(CLOSE, CLOSE_PROFILE, Math.abs(facing));
    return between(LOOSE, close, large);
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

  private static FaceBox fromKeypoints(BlazeFaceNet.Face face, HeadGeometry.Pose pose) {
    FaceBox box = face.box();
    double downX = -pose.upX();
    double downY = -pose.upY();
    double acrossX = downY;
    double acrossY = -downX;
    double eyesX = (face.x(RIGHT_EYE) + face.x(LEFT_EYE)) / 2;
    double eyesY = (face.y(RIGHT_EYE) + face.y(LEFT_EYE)) / 2;
    double eyeToMouth =
        Math.max(
            Math.hypot(eyesX - face.x(MOUTH), eyesY - face.y(MOUTH)),
            LEAST_EYE_TO_MOUTH * (box.width() + box.height()) / 2);
    double top = eyesX * downX + eyesY * downY - ABOVE_EYES * eyeToMouth;
    double bottom = face.x(MOUTH) * downX + face.y(MOUTH) * downY + BELOW_MOUTH * eyeToMouth;
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (int point = 0; point < KEYPOINTS; point++) {
      double across = face.x(point) * acrossX + face.y(point) * acrossY;
      low = Math.min(low, across);
      high = Math.max(high, across);
    }
    double turn = Math.abs(pose.facing());
    double front = between(BESIDE_FRONTAL, FRONT_PROFILE, turn) * eyeToMouth;
    double back = between(BESIDE_FRONTAL, BACK_PROFILE, turn) * eyeToMouth;
    // Facing the image's right (positive) puts the front on the high side.
    high += pose.facing() >= 0 ? front : back;
    low -= pose.facing() >= 0 ? back : front;
    double centreAcross = (low + high) / 2;
    double centreDown = (top + bottom) / 2;
    return HeadGeometry.ellipse(
        centreAcross * acrossX + centreDown * downX,
        centreAcross * acrossY + centreDown * downY,
        (high - low) / 2,
        (bottom - top) / 2,
        pose,
        box.confidence());
  }

  private static FaceBox between(FaceBox from, FaceBox to, double t) {
    double left = between(from.x(), to.x(), t);
    double top = between(from.y(), to.y(), t);
    double right = between(from.x() + from.width(), to.x() + to.width(), t);
    double bottom = between(from.y() + from.height(), to.y() + to.height(), t);
    return new FaceBox(left, top, right - left, bottom - top, to.confidence());
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
