package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins boxes that describe the same face (frontal and profile hits, several scales) into one box
 * covering them all: for blurring, covering too much is better than too little. Heads are joined
 * by their faces: the heads of two people side by side overlap, their faces do not.
 */
final class BoxMerger {
  /** A face box and the head box grown from it. */
  record Found(FaceBox face, FaceBox head) {}

  private static final double SAME_FACE_IOU = 0.25;
  private static final double SAME_FACE_CONTAINMENT = 0.6;

  private BoxMerger() {}

  /** One head box per face: the union of the heads of the boxes that describe that face. */
  static List<FaceBox> mergeHeads(List<Found> found) {
    List<Found> merged = new ArrayList<>(found);
    boolean changed = true;
    while (changed) {
      changed = false;
      outer:
      for (int i = 0; i < merged.size(); i++) {
        for (int j = i + 1; j < merged.size(); j++) {
          Found a = merged.get(i);
          Found b = merged.get(j);
          if (sameFace(a.face(), b.face())) {
            merged.remove(j);
            merged.set(i, new Found(union(a.face(), b.face()), union(a.head(), b.head())));
            changed = true;
            break outer;
          }
        }
      }
    }
    return merged.stream().map(Found::head).toList();
  }

  static boolean sameFace(FaceBox a, FaceBox b) {
    if (a.iou(b) >= SAME_FACE_IOU) {
      return true;
    }
    double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
    double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
    return ix * iy >= SAME_FACE_CONTAINMENT * Math.min(a.area(), b.area());
  }

  private static FaceBox union(FaceBox a, FaceBox b) {
    double x0 = Math.min(a.x(), b.x());
    double y0 = Math.min(a.y(), b.y());
    double x1 = Math.max(a.x() + a.width(), b.x() + b.width());
    double y1 = Math.max(a.y() + a.height(), b.y() + b.height());
    return new FaceBox(x0, y0, x1 - x0, y1 - y0, Math.max(a.confidence(), b.confidence()));
  }
}
