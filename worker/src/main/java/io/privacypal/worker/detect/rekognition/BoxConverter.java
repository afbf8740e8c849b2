package io.privacypal.worker.detect.rekognition;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Rekognition boxes are ratios of the image size and may reach a little past its edges; this turns
 * them into pixel boxes of the original frame, clamped to it, with confidence scaled to 0..1, and
 * grows each to the whole head ({@link RekognitionHeads}).
 */
final class BoxConverter {
  private BoxConverter() {}

  static List<FaceBox> toPixels(
      List<FaceDetail> faces, int frameWidth, int frameHeight, double minConfidence) {
    List<FaceBox> boxes = new ArrayList<>();
    for (FaceDetail face : faces) {
      BoundingBox box = face.boundingBox();
      Float confidence = face.confidence();
      if (box == null || confidence == null || confidence < minConfidence) {
        continue;
      }
      if (box.left() == null || box.top() == null || box.width() == null || box.height() == null) {
        continue;
      }
      double x0 = clamp(box.left()) * frameWidth;
      double y0 = clamp(box.top()) * frameHeight;
      double x1 = clamp(box.left() + box.width()) * frameWidth;
      double y1 = clamp(box.top() + box.height()) * frameHeight;
      if (x1 > x0 && y1 > y0) {
        FaceBox facePixels =
            new FaceBox(x0, y0, x1 - x0, y1 - y0, Math.min(1.0, confidence / 100.0));
        boxes.add(RekognitionHeads.head(face, facePixels, frameWidth, frameHeight));
      }
    }
    return boxes;
  }

  private static double clamp(double ratio) {
    return Math.max(0.0, Math.min(1.0, ratio));
  }
}
