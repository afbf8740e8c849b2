package io.privacypal.bench;

import io.privacypal.common.detect.FaceBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated clip of the keyframe study: one photo moved over a flat canvas, and where its
 * top-left corner is in every frame (null while it is not shown).
 */
record StudyClip(String name, Path file, StudyPhoto photo, List<int[]> positions) {
  static final int WIDTH = 1280;
  static final int HEIGHT = 720;
  static final int FPS = 25;

  int frames() {
    return positions.size();
  }

  /** The ground-truth face boxes of one frame, in canvas pixels (partly outside it near edges). */
  List<FaceBox> facesAt(int frame) {
    int[] at = positions.get(frame);
    List<FaceBox> faces = new ArrayList<>();
    if (at != null) {
      for (FaceBox face : photo.faces()) {
        faces.add(new FaceBox(face.x() + at[0], face.y() + at[1], face.width(), face.height(), 1));
      }
    }
    return faces;
  }
}
