package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs the faces of one keyframe with those of the next: overlapping boxes first (by IoU), then
 * boxes whose centres are close for their size (a face that moved further than its width).
 */
final class BoxMatcher {
  /** Centres closer than this many face sizes may be the same face. */
  private static final double MAX_CENTRE_DISTANCE = 1.5;

  private static final double MAX_SIZE_RATIO = 2.0;

  private BoxMatcher() {}

  record Pair(int previous, int current) {}

  /** Greedy, best score first; each face is used at most once. */
  static List<Pair> match(List<FaceBox> previous, List<FaceBox> current) {
    List<double[]> candidates = new ArrayList<>();
    for (int i = 0; i < previous.size(); i++) {
      for (int j = 0; j < current.size(); j++) {
        double score = score(previous.get(i), current.get(j));
        if (score > 0) {
          candidates.add(new double[] {score, i, j});
        }
      }
    }
    candidates.sort((a, b) -> Double.compare(b[0], a[0]));
    boolean[] usedPrevious = new boolean[previous.size()];
    boolean[] usedCurrent = new boolean[current.size()];
    List<Pair> pairs = new ArrayList<>();
    for (double[] candidate : candidates) {
      int i = (int) candidate[1];
      int j = (int) candidate[2];
      if (!usedPrevious[i] && !usedCurrent[j]) {
        usedPrevious[i] = true;
        usedCurrent[j] = true;
        pairs.add(new Pair(i, j));
      }
    }
    return pairs;
  }

  /**
   * Whether two boxes of similar size are close enough to be one face that moved up to {@code
   * distance} pixels: for faces too far apart for {@link #score} (small, fast ones).
   */
  static boolean withinReach(FaceBox a, FaceBox b, double distance) {
    return similarSize(a, b)
        && Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY()) <= distance;
  }

  /** Above 1 for overlapping boxes (1 + IoU), in (0, 1] for near ones, 0 for no match. */
  static double score(FaceBox a, FaceBox b) {
    if (!similarSize(a, b)) {
      return 0;
    }
    double iou = a.iou(b);
    if (iou > 0) {
      return 1 + iou;
    }
    double size = Math.max(Math.max(a.width(), a.height()), Math.max(b.width(), b.height()));
    double distance = Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY()) / size;
    return distance < MAX_CENTRE_DISTANCE ? 1 - distance / MAX_CENTRE_DISTANCE : 0;
  }

  private static boolean similarSize(FaceBox a, FaceBox b) {
    return Math.max(a.width(), b.width()) / Math.min(a.width(), b.width()) <= MAX_SIZE_RATIO;
  }
}
