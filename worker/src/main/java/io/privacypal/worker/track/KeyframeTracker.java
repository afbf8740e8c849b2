package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the face boxes of the frames between two keyframes, once both are known (the frames in
 * between are buffered): a face seen at both moves linearly from one box to the other; a face that
 * first shows at the later keyframe is covered from the first frame after the earlier one (it may
 * have entered at any of them); a face that vanished is held up to and including the later
 * keyframe, so a face missed by one detection stays covered. When a face could be paired with
 * more than one (faces in a row moving past, two crossing), any pairing may be the true one: each
 * is covered, and the faces involved are also treated as new and as vanished.
 *
 * <p>Near an edge, faces seen only once are stretched along the way they may have come in or gone
 * out ({@link EdgeSweep}), and further: a newcomer also into the window before (still unwritten:
 * a face half in the picture is often not found, so it was visible before the keyframe that first
 * saw it), a face that vanished also into the next window (it may still be half in the picture).
 * After a scene cut nothing carries across: old faces are held only until the cut, new ones start
 * at it. One instance per video: it remembers the last keyframe.
 */
public final class KeyframeTracker {
  private final EdgeSweep edges;
  private List<FaceBox> lastFaces;
  private List<FaceBox> leaving = List.of();
  private int leavingFrames;

  /** For frames of this size and rate (the rate turns a face's top speed into pixels per frame). */
  public KeyframeTracker(int width, int height, double frameRate) {
    this.edges = new EdgeSweep(width, height, frameRate);
  }

  /**
   * The boxes of one window: the frames after the previous keyframe up to and including this one.
   *
   * @param earlier covers for the frames of the previous window
   * @param uncertainBefore faces of the previous keyframe whose way on is not known (vanished, or
   *     pairable more than one way): worth following through the frames
   * @param uncertainAfter faces of this keyframe whose way in is not known
   */
  public record Covers(
      List<List<FaceBox>> frames,
      List<List<FaceBox>> earlier,
      List<FaceBox> uncertainBefore,
      List<FaceBox> uncertainAfter) {
    Covers(List<List<FaceBox>> frames, List<List<FaceBox>> earlier) {
      this(frames, earlier, List.of(), List.of());
    }
  }

  /**
   * @param faces faces at the keyframe that ends this window
   * @param frames frames in this window, the keyframe last
   * @param sceneCut whether the keyframe starts a new scene
   * @param earlierFrames frames of the previous window that are not written yet and may still get
   *     covers
   */
  public Covers next(List<FaceBox> faces, int frames, boolean sceneCut, int earlierFrames) {
    List<List<FaceBox>> perFrame = emptyLists(frames);
    List<List<FaceBox>> earlier = emptyLists(earlierFrames);
    List<FaceBox> previous = lastFaces;
    lastFaces = List.copyOf(faces);
    List<FaceBox> carried = leaving;
    int carriedFrames = leavingFrames;
    leaving = List.of();
    if (frames == 0) {
      return new Covers(perFrame, earlier);
    }
    perFrame.get(frames - 1).addAll(faces);
    if (previous == null) {
      for (int i = 0; i < frames - 1; i++) {
        perFrame.get(i).addAll(faces);
      }
      return new Covers(perFrame, earlier);
    }
    if (sceneCut) {
      for (FaceBox face : previous) {
        holdAfter(face, perFrame, 0, frames - 1, frames);
      }
      return new Covers(perFrame, earlier);
    }
    for (FaceBox face : carried) {
      holdAfter(face, perFrame, carriedFrames, frames, carriedFrames);
    }
    boolean[] previousMatched = new boolean[previous.size()];
    boolean[] currentMatched = new boolean[faces.size()];
    List<BoxMatcher.Pair> matched = BoxMatcher.match(previous, faces);
    for (BoxMatcher.Pair pair : matched) {
      previousMatched[pair.previous()] = true;
      currentMatched[pair.current()] = true;
      interpolateBetween(previous.get(pair.previous()), faces.get(pair.current()), perFrame, frames);
    }
    Ambiguity ambiguity = Ambiguity.of(previous, faces);
    for (BoxMatcher.Pair pair : ambiguity.ambiguousPairs()) {
      if (!matched.contains(pair)) {
        interpolateBetween(previous.get(pair.previous()), faces.get(pair.current()), perFrame, frames);
      }
    }
    List<FaceBox> vanished = new ArrayList<>();
    List<FaceBox> uncertainBefore = new ArrayList<>();
    List<FaceBox> uncertainAfter = new ArrayList<>();
    for (int p = 0; p < previous.size(); p++) {
      if (!previousMatched[p] || ambiguity.previous(p)) {
        FaceBox face = previous.get(p);
        uncertainBefore.add(face);
        holdAfter(face, perFrame, 0, frames, frames);
        if (edges.nearEdge(face, frames)) {
          vanished.add(face);
        }
      }
    }
    leaving = List.copyOf(vanished);
    leavingFrames = frames;
    for (int c = 0; c < faces.size(); c++) {
      if (!currentMatched[c] || ambiguity.current(c)) {
        FaceBox face = faces.get(c);
        uncertainAfter.add(face);
        for (int i = 0; i < frames - 1; i++) {
          perFrame.get(i).add(edges.sweep(face, frames - 1 - i, frames));
        }
        if (edges.nearEdge(face, frames)) {
          for (int j = 0; j < earlierFrames; j++) {
            earlier.get(j).add(edges.sweep(face, frames + earlierFrames - 1 - j, frames));
          }
        }
      }
    }
    return new Covers(perFrame, earlier, uncertainBefore, uncertainAfter);
  }

  private static void interpolateBetween(
      FaceBox from, FaceBox to, List<List<FaceBox>> perFrame, int frames) {
    for (int i = 0; i < frames - 1; i++) {
      perFrame.get(i).add(interpolate(from, to, (i + 1.0) / frames));
    }
  }

  /**
   * Covers a face last seen {@code framesBefore} frames before this window in its first {@code
   * count} frames, stretched towards an edge it may be crossing within {@code window} frames.
   */
  private void holdAfter(
      FaceBox face, List<List<FaceBox>> perFrame, int framesBefore, int count, int window) {
    for (int i = 0; i < count; i++) {
      perFrame.get(i).add(edges.sweep(face, framesBefore + i + 1, window));
    }
  }

  private static List<List<FaceBox>> emptyLists(int count) {
    List<List<FaceBox>> lists = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
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
