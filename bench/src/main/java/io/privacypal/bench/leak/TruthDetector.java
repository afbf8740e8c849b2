package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A perfect detector for one generated clip: it answers the exact true boxes of the keyframe it is
 * sent (found by its timestamp), clipped to the frame as a remote service would. With it, whatever
 * still leaks is the pipeline's tracking between keyframes, not a missed detection.
 */
public final class TruthDetector implements FaceDetector {
  private final RenderedClip clip;

  public TruthDetector(RenderedClip clip) {
    this.clip = clip;
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) {
    int frame = (int) Math.round(image.timestampSeconds() * LeakClip.FPS);
    if (frame < 0 || frame >= clip.clip().frames()) {
      return List.of();
    }
    double sx = (double) image.width() / clip.clip().width();
    double sy = (double) image.height() / clip.clip().height();
    List<FaceBox> faces = new ArrayList<>();
    for (TrueFace face : clip.facesAt(frame)) {
      FaceBox b = face.box();
      double x0 = Math.max(0, b.x() * sx);
      double y0 = Math.max(0, b.y() * sy);
      double x1 = Math.min(image.width(), (b.x() + b.width()) * sx);
      double y1 = Math.min(image.height(), (b.y() + b.height()) * sy);
      if (x1 > x0 && y1 > y0) {
        faces.add(new FaceBox(x0, y0, x1 - x0, y1 - y0, 1));
      }
    }
    return faces;
  }

  @Override
  public String name() {
    return "truth";
  }
}
