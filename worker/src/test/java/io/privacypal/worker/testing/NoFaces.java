package io.privacypal.worker.testing;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import java.util.List;

/** A detector that finds nothing, for tests about the video, not the faces in it. */
public final class NoFaces implements FaceDetector {
  @Override
  public List<FaceBox> detect(KeyframeImage image) {
    return List.of();
  }

  @Override
  public String name() {
    return "none";
  }
}
