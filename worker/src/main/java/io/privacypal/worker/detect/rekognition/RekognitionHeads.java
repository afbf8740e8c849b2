package io.privacypal.worker.detect.rekognition;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.detect.head.HeadGeometry;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Landmark;
import software.amazon.awssdk.services.rekognition.model.LandmarkType;
import software.amazon.awssdk.services.rekognition.model.Pose;

/**
 * The whole head around a face Rekognition found, from its {@code Pose} and {@code Landmarks} (both
 * in DetectFaces' DEFAULT attributes). How far the head is turned comes from the yaw, and which way
 * from the landmarks (the nose against the middle of eyes and mouth), as does which way is up;
 * where an answer lacks them the head is covered for either way, so a sign convention can never
 * shift the cover off the head.
 */
final class RekognitionHeads {
  /**
   * Around Rekognition's box, which reaches from the forehead to the chin: set by the geometry of
   * BlazeFace's (measured on photos), allowing for the taller box; not measured against the
   * service.
   */
  static final HeadGeometry.Proportions PROPORTIONS =
      new HeadGeometry.Proportions(0.9, 0.6, 0.72, 0.9, 0.35);

  private RekognitionHeads() {}

  static FaceBox head(FaceDetail face, FaceBox box, int width, int height) {
    Map<LandmarkType, double[]> points = landmarks(face, width, height);
    Pose pose = face.pose();
    double turn =
        pose == null || pose.yaw() == null
            ? 0
            : Math.min(1, Math.abs(Math.sin(Math.toRadians(pose.yaw()))));
    double roll = pose == null || pose.roll() == null ? 0 : pose.roll();
    double[] eyes = middle(points.get(LandmarkType.EYE_LEFT), points.get(LandmarkType.EYE_RIGHT));
    double[] mouth =
        middle(points.get(LandmarkType.MOUTH_LEFT), points.get(LandmarkType.MOUTH_RIGHT));
    double[] nose = points.get(LandmarkType.NOSE);
    if (eyes == null || mouth == null || nose == null) {
      return union(
          HeadGeometry.head(box, HeadGeometry.Pose.rolled(roll, turn), PROPORTIONS, width, height),
          HeadGeometry.head(
              box, HeadGeometry.Pose.rolled(-roll, -turn), PROPORTIONS, width, height),
          HeadGeometry.head(box, HeadGeometry.Pose.rolled(roll, -turn), PROPORTIONS, width, height),
          HeadGeometry.head(
              box, HeadGeometry.Pose.rolled(-roll, turn), PROPORTIONS, width, height));
    }
    double upX = eyes[0] - mouth[0];
    double upY = eyes[1] - mouth[1];
    if (!(Math.hypot(upX, upY) > 0)) {
      upX = 0;
      upY = -1;
    }
    // "Across" is up turned a quarter clockwise; the nose stands out to the side the face looks.
    double centreX = (eyes[0] + mouth[0]) / 2;
    double centreY = (eyes[1] + mouth[1]) / 2;
    double side = (nose[0] - centreX) * -upY + (nose[1] - centreY) * upX;
    double facing = side >= 0 ? turn : -turn;
    return HeadGeometry.head(
        box, new HeadGeometry.Pose(upX, upY, facing), PROPORTIONS, width, height);
  }

  private static Map<LandmarkType, double[]> landmarks(FaceDetail face, int width, int height) {
    Map<LandmarkType, double[]> points = new EnumMap<>(LandmarkType.class);
    if (face.hasLandmarks()) {
      for (Landmark landmark : face.landmarks()) {
        if (landmark.type() != null && landmark.x() != null && landmark.y() != null) {
          points.put(landmark.type(), new double[] {landmark.x() * width, landmark.y() * height});
        }
      }
    }
    return points;
  }

  private static double[] middle(double[] a, double[] b) {
    return a == null || b == null ? null : new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2};
  }

  private static FaceBox union(FaceBox... boxes) {
    double left = Double.MAX_VALUE;
    double top = Double.MAX_VALUE;
    double right = -Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (FaceBox b : boxes) {
      left = Math.min(left, b.x());
      top = Math.min(top, b.y());
      right = Math.max(right, b.x() + b.width());
      bottom = Math.max(bottom, b.y() + b.height());
    }
    return new FaceBox(left, top, right - left, bottom - top, boxes[0].confidence());
  }
}
