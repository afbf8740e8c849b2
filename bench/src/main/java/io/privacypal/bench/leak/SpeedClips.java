package io.privacypal.bench.leak;

import io.privacypal.bench.leak.Shot.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * The speed benchmark's clips with faces ({@code ./privacypal bench}): any size and length, cut
 * into shots of ten seconds, each a handheld camera panning and zooming over a photo of a group
 * (whose heads are true faces) while one person walks across near the camera, a smaller one crosses
 * farther away for part of the shot and a third stands close and sways. Sizes are set for 1080p and
 * scaled with the height, so every resolution shows the same scene.
 */
final class SpeedClips {
  /** Bumped whenever these clips change, so that clips rendered before are not reused. */
  static final String VERSION = "v1";

  static final int SHOT_FRAMES = 10 * LeakClip.FPS;

  /** Backdrops: photos of three to five people. */
  private static final int[] BACKDROPS = {3, 6, 1, 5, 4, 2};

  /** The actors' photo and head, taken in turn. */
  private static final int[][] CAST = {{4, 2}, {5, 3}, {6, 1}, {1, 2}, {3, 1}, {2, 3}, {6, 4}};

  private SpeedClips() {}

  static String name(int width, int height, int seconds) {
    return "faces-" + VERSION + "-" + width + "x" + height + "-" + seconds + "s";
  }

  static LeakClip movingCamera(int width, int height, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("a clip lasts at least a second, got " + seconds);
    }
    int frames = seconds * LeakClip.FPS;
    List<Shot> shots = new ArrayList<>();
    for (int first = 0; first < frames; first += SHOT_FRAMES) {
      shots.add(shot(shots.size(), first, Math.min(frames, first + SHOT_FRAMES), width, height));
    }
    return new LeakClip(name(width, height, seconds), width, height, frames, 3, shots);
  }

  /**
   * Shot {@code k}, frames {@code [first, end)}: the camera pans one way in even shots, back in
   * odd.
   */
  private static Shot shot(int k, int first, int end, int width, int height) {
    int last = end - 1;
    int middle = (first + last) / 2;
    boolean back = k % 2 == 1;
    Motion camera =
        Motion.from(first, back ? 1250 : 700, 680, 1900, 0)
            .to(middle, 960, 620, 1450, 0)
            .to(last, back ? 700 : 1250, 720, 1800, 0)
            .build();
    double s = height / 1080.0;
    int length = end - first;
    List<Actor> actors =
        List.of(
            actor(
                "walker-90px@" + first,
                k,
                0,
                back,
                Motion.from(first, back ? width + 80 * s : -80 * s, 0.78 * height, 90 * s, 0)
                    .to(last, back ? -80 * s : width + 80 * s, 0.74 * height, 90 * s, 5)
                    .build()),
            actor(
                "crosser-50px@" + first,
                k,
                1,
                !back,
                Motion.from(
                        first + length * 3 / 10,
                        back ? -50 * s : width + 50 * s,
                        0.3 * height,
                        50 * s,
                        0)
                    .to(
                        first + length * 8 / 10,
                        back ? width + 50 * s : -50 * s,
                        0.34 * height,
                        50 * s,
                        -10)
                    .build()),
            actor(
                "talker-200px@" + first,
                k,
                2,
                false,
                Motion.from(first, 0.72 * width, 0.42 * height, 200 * s, -8)
                    .to(middle, 0.7 * width, 0.44 * height, 210 * s, 8)
                    .to(last, 0.74 * width, 0.42 * height, 200 * s, -5)
                    .build()));
    return new Shot(first, end, BACKDROPS[k % BACKDROPS.length], Region.WHOLE, camera, actors);
  }

  private static Actor actor(String id, int shot, int index, boolean mirrored, Motion motion) {
    int[] cast = CAST[(shot * 3 + index) % CAST.length];
    return new Actor(id, cast[0], cast[1], mirrored, motion);
  }
}
