package io.privacypal.bench.leak;

import java.util.ArrayList;
import java.util.List;

/**
 * Where something is in each frame: poses at key frames, linear in between, absent before the first
 * and after the last. For an actor a pose is its head's centre in frame pixels, its head height and
 * its tilt; for a camera, the centre of the view in backdrop pixels and the view's width.
 */
record Motion(List<Key> keys) {

  /** A pose at a frame: position, size (head height or view width) and tilt in degrees. */
  record Key(int frame, double x, double y, double size, double angle) {}

  Motion {
    keys = List.copyOf(keys);
    for (int i = 1; i < keys.size(); i++) {
      if (keys.get(i).frame() <= keys.get(i - 1).frame()) {
        throw new IllegalArgumentException("key frames must increase: " + keys);
      }
    }
  }

  static Builder from(int frame, double x, double y, double size, double angle) {
    return new Builder().to(frame, x, y, size, angle);
  }

  static Motion still(int firstFrame, int lastFrame, double x, double y, double size) {
    return from(firstFrame, x, y, size, 0).to(lastFrame, x, y, size, 0).build();
  }

  /** The pose at {@code frame}, or null when it is not in the picture then. */
  Key at(int frame) {
    if (keys.isEmpty()
        || frame < keys.get(0).frame()
        || frame > keys.get(keys.size() - 1).frame()) {
      return null;
    }
    for (int i = 0; i < keys.size() - 1; i++) {
      Key a = keys.get(i);
      Key b = keys.get(i + 1);
      if (frame <= b.frame()) {
        double t = (double) (frame - a.frame()) / (b.frame() - a.frame());
        return new Key(
            frame,
            mix(a.x(), b.x(), t),
            mix(a.y(), b.y(), t),
            mix(a.size(), b.size(), t),
            mix(a.angle(), b.angle(), t));
      }
    }
    return keys.get(keys.size() - 1);
  }

  private static double mix(double a, double b, double t) {
    return a + (b - a) * t;
  }

  static final class Builder {
    private final List<Key> keys = new ArrayList<>();

    Builder to(int frame, double x, double y, double size, double angle) {
      keys.add(new Key(frame, x, y, size, angle));
      return this;
    }

    Motion build() {
      return new Motion(keys);
    }

    Actor actor(String id, int photo, int head, boolean mirrored) {
      return new Actor(id, photo, head, mirrored, build());
    }
  }
}
