package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.detect.head.HeadGeometry;

/**
 * The head around a cascade's face box: the cascades say neither which way a face is turned nor how
 * far, so the head is covered as if turned either way by up to half a profile.
 */
final class CascadeHeads {
  /** A cascade's box reaches from the brows to the chin, as BlazeFace's small boxes do. */
  private static final HeadGeometry.Proportions PROPORTIONS = BlazeFaceHeads.LOOSE;

  private static final double TURN = 0.5;

  private CascadeHeads() {}

  static FaceBox head(FaceBox face, int width, int height) {
    FaceBox left =
        HeadGeometry.head(face, HeadGeometry.Pose.rolled(0, -TURN), PROPORTIONS, width, height);
    FaceBox right =
        HeadGeometry.head(face, HeadGeometry.Pose.rolled(0, TURN), PROPORTIONS, width, height);
    double x0 = Math.min(left.x(), right.x());
    double x1 = Math.max(left.x() + left.width(), right.x() + right.width());
    return new FaceBox(x0, left.y(), x1 - x0, left.height(), face.confidence());
  }
}
