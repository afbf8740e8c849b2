package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.testing.LabelledFaces;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a detector's boxes cover the labelled faces of one image. A face counts as found when a
 * box contains its centre and is of a plausible size for it (a box over half the picture hides the
 * face too, but says nothing about the detector); a box that finds no face is a false positive.
 */
record RecallScore(
    String image, int labelled, int found, List<FaceBox> unmatched, double msPerDetection) {
  private static final double MIN_SIZE_RATIO = 0.4;

  /** Detectors answer heads, about twice the labelled forehead-to-chin square, more when turned. */
  private static final double MAX_SIZE_RATIO = 3.5;

  static RecallScore of(
      String image, List<LabelledFaces.Face> faces, List<FaceBox> boxes, double ms) {
    int found = 0;
    for (LabelledFaces.Face face : faces) {
      if (boxes.stream().anyMatch(box -> covers(box, face))) {
        found++;
      }
    }
    List<FaceBox> unmatched = new ArrayList<>(boxes);
    unmatched.removeIf(box -> faces.stream().anyMatch(face -> covers(box, face)));
    return new RecallScore(image, faces.size(), found, List.copyOf(unmatched), ms);
  }

  static boolean covers(FaceBox box, LabelledFaces.Face face) {
    boolean centreInside =
        face.cx() >= box.x()
            && face.cx() <= box.x() + box.width()
            && face.cy() >= box.y()
            && face.cy() <= box.y() + box.height();
    double ratio = Math.sqrt(box.width() * box.height()) / face.size();
    return centreInside && ratio >= MIN_SIZE_RATIO && ratio <= MAX_SIZE_RATIO;
  }

  int falsePositives() {
    return unmatched.size();
  }

  int missed() {
    return labelled - found;
  }

  static String table(List<RecallScore> scores) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%-22s %8s %6s %7s %6s %8s%n",
                "image", "labelled", "found", "missed", "false+", "ms"));
    for (RecallScore s : scores) {
      out.append(
          String.format(
              "%-22s %8d %6d %7d %6d %8.1f%n",
              s.image, s.labelled, s.found, s.missed(), s.falsePositives(), s.msPerDetection));
    }
    int labelled = scores.stream().mapToInt(RecallScore::labelled).sum();
    int found = scores.stream().mapToInt(RecallScore::found).sum();
    int falsePositives = falsePositives(scores);
    double ms = scores.stream().mapToDouble(RecallScore::msPerDetection).average().orElse(0);
    out.append(
        String.format(
            "%-22s %8d %6d %7d %6d %8.1f  recall %.2f%n",
            "total", labelled, found, labelled - found, falsePositives, ms, recall(scores)));
    for (RecallScore s : scores) {
      s.unmatched.forEach(
          box ->
              out.append("  false positive in ")
                  .append(s.image)
                  .append(": ")
                  .append(box)
                  .append('\n'));
    }
    return out.toString();
  }

  static int falsePositives(List<RecallScore> scores) {
    return scores.stream().mapToInt(RecallScore::falsePositives).sum();
  }

  static double recall(List<RecallScore> scores) {
    int labelled = scores.stream().mapToInt(RecallScore::labelled).sum();
    int found = scores.stream().mapToInt(RecallScore::found).sum();
    return labelled == 0 ? 1.0 : (double) found / labelled;
  }
}
