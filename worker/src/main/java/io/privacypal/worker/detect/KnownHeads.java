package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;

/**
 * The heads one video's recent keyframes found, for {@link NearKnownFaces} to look at closer in the
 * next: each found head, and a head not found again for up to {@link #KEEP_FOR} keyframes (a small
 * profile the closer look misses once is usually found in the next keyframe, and the tracker covers
 * it meanwhile). Not thread-safe: one video's keyframes are searched one at a time.
 */
final class KnownHeads {
  static final int KEEP_FOR = 3;

  private record Known(FaceBox head, int missed) {}

  private List<Known> heads = List.of();

  List<FaceBox> boxes() {
    return heads.stream().map(Known::head).toList();
  }

  /** After a keyframe: what it found, and the earlier heads it did not find again, a while. */
  void update(List<FaceBox> found) {
    List<Known> next = new ArrayList<>();
    found.forEach(head -> next.add(new Known(head, 0)));
    for (Known known : heads) {
      if (known.missed() + 1 < KEEP_FOR && NearKnownFaces.lost(known.head(), found)) {
        next.add(new Known(known.head(), known.missed() + 1));
      }
    }
    heads = List.copyOf(next);
  }
}
