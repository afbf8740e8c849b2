package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins boxes that describe the same face (frontal and profile hits, several scales) into one box
 * covering them all: for blurring, covering too much is better than too little. Heads are joined by
 * their faces: the heads of two people side by side overlap, their faces do not.
 */
final class BoxMerger {
  /** A face box and the head box grown from it. */
  record Found(FaceBox face, FaceBox head) {}

  private static final double SAME_FACE_IOU = 0.25;
  private static final double SAME_FACE_CONTAINMENT = 0.6;

  /**
   * A box inside another is the same face only when its side is at least this share of the other's:
   * the same face seen in several tiles and scales varies by a fifth at most, and a face a third
   * the size inside another one's box is someone in front (on the leak benchmark's long-1080p, an
   * 80 px walker passing over a 230 px head was joined with it, and the averaged head left that
   * head's mouth and chin bare for 11 frames).
   */
  static final double SAME_FACE_LEAST_SIDE = 0.5;

  private BoxMerger() {}

  /**
   * One head box per face: the heads of the boxes that describe that face averaged by confidence
   * (as MediaPipe blends BlazeFace's overlapping anchors), joined with the surest one's head. A
   * union of them all grows with every weak anchor and tile that sees the face a little off: on a
   * profile over a photo of people it was half as wide again as the head.
   */
  static List<FaceBox> mergeHeads(List<Found> found) {
    List<FaceBox> faces = new ArrayList<>();
    List<double[]> sums = new ArrayList<>(); // weighted x0, y0, x1, y1, then the weight
    List<FaceBox> surest = new ArrayList<>();
    for (Found f : found) {
      int group = 0;
      while (group < faces.size() && !sameFace(faces.get(group), f.face())) {
        group++;
      }
      if (group == faces.size()) {
        faces.add(f.face());
        sums.add(new double[5]);
        surest.add(f.head());
      } else {
        faces.set(group, union(faces.get(group), f.face()));
        if (f.head().confidence() > surest.get(group).confidence()) {
          surest.set(group, f.head());
        }
      }
      FaceBox h = f.head();
      double w = h.confidence();
      double[] sum = sums.get(group);
      sum[0] += w * h.x();
      sum[1] += w * h.y();
      sum[2] += w * (h.x() + h.width());
      sum[3] += w * (h.y() + h.height());
      sum[4] += w;
    }
    List<FaceBox> heads = new ArrayList<>();
    for (int i = 0; i < sums.size(); i++) {
      double[] sum = sums.get(i);
      FaceBox mean =
          new FaceBox(
              sum[0] / sum[4],
              sum[1] / sum[4],
              (sum[2] - sum[0]) / sum[4],
              (sum[3] - sum[1]) / sum[4],
              surest.get(i).confidence());
      heads.add(union(mean, surest.get(i)));
    }
    return heads;
  }

  static boolean sameFace(FaceBox a, FaceBox b) {
    if (a.iou(b) >= SAME_FACE_IOU) {
      return true;
    }
    double ix =
        Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
    double iy =
        Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
    return ix * iy >= SAME_FACE_CONTAINMENT * Math.min(a.area(), b.area())
        && Math.min(a.area(), b.area())
            >= SAME_FACE_LEAST_SIDE * SAME_FACE_LEAST_SIDE * Math.max(a.area(), b.area());
  }

  private static FaceBox union(FaceBox a, FaceBox b) {
    double x0 = Math.min(a.x(), b.x());
    double y0 = Math.min(a.y(), b.y());
    double x1 = Math.max(a.x() + a.width(), b.x() + b.width());
    double y1 = Math.max(a.y() + a.height(), b.y() + b.height());
    return new FaceBox(x0, y0, x1 - x0, y1 - y0, Math.max(a.confidence(), b.confidence()));
  }
}
