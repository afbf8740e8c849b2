package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.opencv.OpenCvNative;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

class TileMemoryTest {
  private static final Tiles.Square SQUARE = new Tiles.Square(0, 0, 480);
  private static final List<FaceBox> FACES = List.of(new FaceBox(10, 10, 50, 50, 0.9));

  @BeforeAll
  static void load() {
    OpenCvNative.load();
  }

  private static Mat noisyFrame(long seed) {
    Mat luma = new Mat(720, 1280, CvType.CV_8UC1);
    Core.setRNGSeed((int) seed);
    Core.randu(luma, 60, 200);
    return luma;
  }

  @Test
  void anUnchangedSquareGivesBackItsFacesAndAChangedOneDoesNot() {
    Mat luma = noisyFrame(1);
    try (TileMemory<FaceBox> memory = new TileMemory<>()) {
      memory.remember(SQUARE, TileMemory.look(luma, SQUARE), FACES);

      assertThat(memory.unchanged(SQUARE, TileMemory.look(luma, SQUARE))).isEqualTo(FACES);
      // A 24 px patch (a far-away face) appearing anywhere in the square is a change.
      Mat patch = luma.submat(new Rect(300, 200, 24, 24));
      patch.setTo(new Scalar(250));
      assertThat(memory.unchanged(SQUARE, TileMemory.look(luma, SQUARE))).isNull();
      assertThat(memory.unchanged(new Tiles.Square(480, 0, 480), TileMemory.look(luma, SQUARE)))
          .as("a square never searched")
          .isNull();
    }
  }

  @Test
  void everyTenthKeyframeSearchesEverything() {
    try (TileMemory<FaceBox> memory = new TileMemory<>()) {
      for (int keyframe = 0; keyframe < 25; keyframe++) {
        assertThat(memory.startKeyframe())
            .as("keyframe %d", keyframe)
            .isEqualTo(keyframe % 10 == 0);
      }
    }
  }
}
