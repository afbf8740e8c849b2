package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import java.util.List;

/**
 * The heads in the six demo photos of {@code @vladmandic/face-api@1.7.15} (1920 px wide), labelled
 * by hand: hairline (or the top of the hair where it lies flat) to chin, ear to ear or, on a turned
 * head, nose tip to the back of the head, as far as it is visible. Long hair below the chin is not
 * head. These boxes, moved and scaled with the composition, are the benchmark's ground truth.
 */
final class HeadLabels {
  private static final List<List<FaceBox>> HEADS =
      List.of(
          // sample1: three women, the middle head bowed, the right one tilted.
          List.of(box(400, 250, 250, 350), box(790, 320, 260, 356), box(1430, 184, 270, 320)),
          // sample2: a near-profile head facing left, a bowed head, a head tilted down.
          List.of(box(360, 50, 280, 370), box(850, 80, 260, 376), box(1424, 40, 276, 364)),
          // sample3: three frontal heads, the left one with wide curly hair.
          List.of(box(560, 260, 280, 340), box(1070, 144, 280, 380), box(1470, 220, 230, 370)),
          // sample4: four heads turned about 30 degrees, two of them tilted.
          List.of(box(210, 120, 250, 320), box(640, 24, 240, 304), box(976, 104, 240, 330),
              box(1260, 100, 230, 304)),
          // sample5: five heads on a staircase, one tilted, sizes 270-400 px.
          List.of(box(740, 50, 200, 296), box(530, 336, 250, 344), box(1096, 164, 204, 270),
              box(1390, 290, 230, 400), box(344, 820, 240, 364)),
          // sample6: four frontal heads.
          List.of(box(220, 390, 270, 354), box(660, 220, 230, 384), box(1156, 170, 244, 394),
              box(1476, 160, 244, 404)));

  private HeadLabels() {}

  /** The heads of sample {@code photo} (1-6), in photo pixels. */
  static List<FaceBox> heads(int photo) {
    return HEADS.get(photo - 1);
  }

  private static FaceBox box(double x, double y, double width, double height) {
    return new FaceBox(x, y, width, height, 1);
  }
}
