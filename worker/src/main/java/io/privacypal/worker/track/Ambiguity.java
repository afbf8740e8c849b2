package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Which faces of two keyframes could be paired with more than one face of the other. Pairing them
 * by best score alone fails when faces move further between keyframes than they are apart: a face
 * in a row moving left gets paired with its right-hand neighbour's old box, and a face that just
 * came in on the right is taken for that neighbour, so nothing covers its way in.
 */
final class Ambiguity {
  private final int[] candidatesOfPrevious;
  private final int[] candidatesOfCurrent;
  private final boolean[][] plausible;

  private Ambiguity(int[] ofPrevious, int[] ofCurrent, boolean[][] plausible) {
    this.candidatesOfPrevious = ofPrevious;
    this.candidatesOfCurrent = ofCurrent;
    this.plausible = plausible;
  }

  static Ambiguity of(List<FaceBox> previous, List<FaceBox> current) {
    int[] ofPrevious = new int[previous.size()];
    int[] ofCurrent = new int[current.size()];
    boolean[][] plausible = new boolean[previous.size()][current.size()];
    for (int p = 0; p < previous.size(); p++) {
      for (int c = 0; c < current.size(); c++) {
        if (BoxMatcher.score(previous.get(p), current.get(c)) > 0) {
          plausible[p][c] = true;
          ofPrevious[p]++;
          ofCurrent[c]++;
        }
      }
    }
    return new Ambiguity(ofPrevious, ofCurrent, plausible);
  }

  /** Whether this face of the earlier keyframe could be more than one of the later. */
  boolean previous(int p) {
    return candidatesOfPrevious[p] > 1;
  }

  /** Whether this face of the later keyframe could be more than one of the earlier. */
  boolean current(int c) {
    return candidatesOfCurrent[c] > 1;
  }

  /** Every plausible pairing that involves an ambiguous face (best-score pairs included). */
  List<BoxMatcher.Pair> ambiguousPairs() {
    List<BoxMatcher.Pair> pairs = new ArrayList<>();
    for (int p = 0; p < candidatesOfPrevious.length; p++) {
      for (int c = 0; c < candidatesOfCurrent.length; c++) {
        if (plausible[p][c] && (previous(p) || current(c))) {
          pairs.add(new BoxMatcher.Pair(p, c));
        }
      }
    }
    return pairs;
  }
}
