package io.privacypal.bench.leak;

import java.util.List;

/**
 * Frames {@code [firstFrame, endFrame)} of a clip: a camera moving over a region of a photo (the
 * backdrop; every labelled head in it is a true face too) and the actors in front. A clip of
 * several shots cuts from one to the next.
 */
record Shot(
    int firstFrame, int endFrame, int photo, Region region, Motion camera, List<Actor> actors) {

  /** A rectangle of a photo, in its pixels. */
  record Region(int x, int y, int width, int height) {
    static final Region WHOLE = new Region(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  Shot {
    actors = List.copyOf(actors);
  }

  boolean contains(int frame) {
    return frame >= firstFrame && frame < endFrame;
  }
}
