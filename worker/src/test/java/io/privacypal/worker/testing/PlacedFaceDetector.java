package io.privacypal.worker.testing;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.testing.TestVideos.Placement;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import java.util.ArrayList;
import java.util.List;

/**
 * A perfect detector for a generated clip: the true boxes of the faces shown in the keyframe's
 * frame (the faces found on each photo alone, moved with it), clamped to the picture, as a detector
 * would report them when at least half of a face is in it. Tests of tracking use it so that what
 * they see is tracking, not detection misses.
 */
public final class PlacedFaceDetector implements FaceDetector {
  private final TestVideo video;
  private final OutputCheck faces;

  public PlacedFaceDetector(TestVideo video, OutputCheck faces) {
    this.video = video;
    this.faces = faces;
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) {
    int n = (int) Math.round(image.timestampSeconds() * TestVideos.FPS);
    List<FaceBox> found = new ArrayList<>();
    for (Placement photo : video.placements().get(Math.min(n, video.frames() - 1))) {
      for (FaceBox face : faces.facesOfPhoto(photo.photo())) {
        double x0 = photo.x() + face.x();
        double y0 = photo.y() + face.y();
        double left = Math.max(0, x0);
        double top = Math.max(0, y0);
        double right = Math.min(video.width(), x0 + face.width());
        double bottom = Math.min(video.height(), y0 + face.height());
        if (right - left >= face.width() / 2 && bottom - top >= face.height() / 2) {
          found.add(new FaceBox(left, top, right - left, bottom - top, face.confidence()));
        }
      }
    }
    return found;
  }

  @Override
  public String name() {
    return "placed";
  }
}
