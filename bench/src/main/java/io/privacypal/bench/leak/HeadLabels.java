package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import java.util.List;

/**
 * The faces in the six demo photos of {@code @vladmandic/face-api@1.7.15} (1920 px wide), labelled
 * by hand on the full-size photos: hairline (where the forehead meets the hair, under bangs where
 * they hide it) to chin, ear to ear or, on a turned head, nose tip to the visible ear, as far as it
 * is visible. These boxes, moved and scaled with the composition, are the benchmark's ground truth.
 */
final class HeadLabels {
  private static final List<List<FaceBox>> HEADS =
      List.of(
          // sample1: three women, the middle head bowed, the right one tilted.
          List.of(box(400, 358, 210, 232), box(820, 420, 220, 210), box(1455, 205, 200, 250)),
          // sample2: a near-profile head facing left (nose tip to ear), a bowed head, a head tilted
          // down.
          List.of(box(358, 118, 222, 296), box(890, 250, 200, 195), box(1430, 172, 240, 195)),
          // sample3: three frontal heads, the left one in wide curly hair.
          List.of(box(585, 352, 225, 238), box(1088, 198, 245, 305), box(1500, 272, 190, 300)),
          // sample4: four heads turned about 30 degrees, two of them tilted.
          List.of(
              box(270, 200, 150, 228),
              box(650, 72, 190, 230),
              box(988, 182, 222, 235),
              box(1275, 148, 170, 240)),
          // sample5: five heads on a staircase, one tilted.
          List.of(
              box(755, 112, 195, 210),
              box(598, 428, 185, 235),
              box(1102, 198, 185, 225),
              box(1405, 355, 190, 320),
              box(383, 872, 170, 285)),
          // sample6: four frontal heads.
          List.of(
              box(222, 484, 260, 255),
              box(668, 318, 170, 285),
              box(1165, 295, 215, 278),
              box(1474, 266, 236, 285)));

  private HeadLabels() {}

  /** The heads of sample {@code photo} (1-6), in photo pixels. */
  static List<FaceBox> heads(int photo) {
    return HEADS.get(photo - 1);
  }

  private static FaceBox box(double x, double y, double width, double height) {
    return new FaceBox(x, y, width, height, 1);
  }
}
