package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the face boxes of the frames between two keyframes, once both are known (the frames in
 * between are buffered): a face seen at both moves linearly from one box to the other; a face that
 * first shows at the later keyframe is covered from the first frame after the earlier one (it may
 * have entered at any of them); a face that vanished is held up to and including the later
 * keyframe, so a face missed by one detection stays covered. After a scene cut nothing carries
 * across: old faces are held only until the cut, new ones start at it.
 */
public final class KeyframeTracker {

  /**
   * @param previous faces at the earlier keyframe, or null when the later one is the first
   * @param current faces at the later keyframe
   * @param frames how many frames follow the earlier keyframe, up to and including the later one
   * @param sceneCut whether the later keyframe starts a new scene
   * @return one list of boxes per frame, the later keyframe last
   */
  public List<List<FaceBox>> between(
      List<FaceBox> previous, List<FaceBox> current, int frames, boolean sceneCut) {
    List<List<FaceBox>> perFrame = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      perFrame.add(new ArrayList<>());
    }
    if (frames == 0) {
      return perFrame;
    }
    perFrame.get(frames - 1).addAll(current);
    if (previous == null) {
      for (int i = 0; i < frames - 1; i++) {
        perFrame.get(i).addAll(current);
      }
      return perFrame;
    }
    if (sceneCut) {
      for (int i = 0; i < frames - 1; i++) {
        perFrame.get(i).addAll(previous);
      }
      return perFrame;
    }
    boolean[] previousMatched = new boolean[previous.size()];
    boolean[] currentMatched = new boolean[current.size()];
    for (BoxMatcher.Pair pair : BoxMatcher.match(previous, current)) {
      previousMatched[pair.previous()] = true;
      currentMatched[pair.current()] = true;
      FaceBox from = previous.get(pair.previous());
      FaceBox to = current.get(pair.current());
      for (int i = 0; i < frames - 1; i++) {
        perFrame.get(i).add(interpolate(from, to, (i + 1.0) / frames));
      }
    }
    for (int p = 0; p < previous.size(); p++) {
      if (!previousMatched[p]) {
        for (int i = 0; i < frames; i++) {
          perFrame.get(i).add(previous.get(p));
        }
      }
    }
    for (int c = 0; c < current.size(); c++) {
      if (!currentMatched[c]) {
        for (int i = 0; i < frames - 1; i++) {
          perFrame.get(i).add(current.get(c));
        }
      }
    }
    return perFrame;
  }

  static FaceBox interpolate(FaceBox from, FaceBox to, double t) {
    return new FaceBox(
        from.x() + (to.x() - from.x()) * t,
        from.y() + (to.y() - from.y()) * t,
        from.width() + (to.width() - from.width()) * t,
        from.height() + (to.height() - from.height()) * t,
        Math.min(from.confidence(), to.confidence()));
  }
}
