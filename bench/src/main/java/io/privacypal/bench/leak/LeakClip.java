package io.privacypal.bench.leak;

import java.util.List;

/** A clip of the leak benchmark as a script: size, length, sensor noise and its shots. */
record LeakClip(
    String name, int width, int height, int frames, double noiseSigma, List<Shot> shots) {
  static final int FPS = 25;

  LeakClip {
    shots = List.copyOf(shots);
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("even sizes only: " + width + "x" + height);
    }
  }

  Shot shotAt(int frame) {
    for (Shot shot : shots) {
      if (shot.contains(frame)) {
        return shot;
      }
    }
    throw new IllegalArgumentException(name + " has no shot at frame " + frame);
  }

  double seconds() {
    return (double) frames / FPS;
  }
}
