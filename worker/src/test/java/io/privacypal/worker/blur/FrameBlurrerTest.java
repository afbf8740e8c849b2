package io.privacypal.worker.blur;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.video.Frame;
import io.privacypal.worker.video.FramePool;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameBlurrerTest {
  private static final int W = 64;
  private static final int H = 48;
  private FramePool pool;
  private Frame frame;
  private byte[] original;

  @BeforeEach
  void noisyFrame() {
    pool = new FramePool(W, H, 1);
    frame = pool.acquire();
    original = new byte[W * H * 3 / 2];
    new Random(7).nextBytes(original);
    frame.buffer().put(original);
  }

  @AfterEach
  void release() {
    pool.close();
  }

  private int at(int offset) {
    return frame.buffer().get(offset) & 0xff;
  }

  private static int luma(int x, int y) {
    return y * W + x;
  }

  private static int chromaU(int x, int y) {
    return W * H + y * (W / 2) + x;
  }

  @Test
  void fillPaintsTheBoxBlackOnEveryPlaneAndNothingElse() {
    new FrameBlurrer(BlurMode.FILL, MaskShape.BOX)
        .apply(frame, List.of(new PixelBox(9, 7, 20, 10)));

    assertThat(at(luma(9, 7))).isEqualTo(16);
    assertThat(at(luma(28, 16))).isEqualTo(16);
    assertThat(at(luma(8, 7))).isEqualTo(original[luma(8, 7)] & 0xff);
    assertThat(at(luma(29, 16))).isEqualTo(original[luma(29, 16)] & 0xff);
    // Chroma covers the box rounded outward: x 9..28 -> 4..14, y 7..16 -> 3..8.
    assertThat(at(chromaU(4, 3))).isEqualTo(128);
    assertThat(at(chromaU(14, 8))).isEqualTo(128);
    assertThat(at(chromaU(3, 3))).isEqualTo(original[chromaU(3, 3)] & 0xff);
    assertThat(at(chromaU(15, 8))).isEqualTo(original[chromaU(15, 8)] & 0xff);
  }

  @Test
  void ellipseLeavesTheCornersOfTheBoxButReachesTowardsThem() {
    new FrameBlurrer(BlurMode.FILL, MaskShape.ELLIPSE)
        .apply(frame, List.of(new PixelBox(10, 10, 30, 30)));

    assertThat(at(luma(25, 25))).isEqualTo(16);
    // 1.08 of the inscribed circle's radius out along the diagonal, where a tilted head reaches.
    assertThat(at(luma(36, 36))).isEqualTo(16);
    assertThat(at(luma(10, 10))).isEqualTo(original[luma(10, 10)] & 0xff);
    assertThat(at(luma(39, 39))).isEqualTo(original[luma(39, 39)] & 0xff);
  }

  @Test
  void wholeAreasAreCoveredToTheirCornersWhateverTheMask() {
    new FrameBlurrer(BlurMode.FILL, MaskShape.ELLIPSE)
        .apply(frame, List.of(), List.of(new PixelBox(10, 10, 30, 30)));

    assertThat(at(luma(10, 10))).isEqualTo(16);
    assertThat(at(luma(39, 39))).isEqualTo(16);
    assertThat(at(luma(40, 40))).isEqualTo(original[luma(40, 40)] & 0xff);
  }

  /**
   * A mosaic averages cells and then softens the grid: sharp cell edges line up with a small face's
   * own edges often enough to keep some of its detail (the leak benchmark found such frames).
   */
  @Test
  void mosaicAveragesCellsAndLeavesNoSharpGridEdges() {
    new FrameBlurrer(BlurMode.MOSAIC, MaskShape.BOX)
        .apply(frame, List.of(new PixelBox(0, 0, 32, 32)));

    assertThat(roughness(frame.buffer(), 0, 32))
        .isLessThan(roughness(ByteBuffer.wrap(original), 0, 32) / 8);
    // Hard 4 px cells of this noise step by up to 47 grey levels; softened, by at most 18.
    assertThat(largestStep(frame.buffer(), 0, 32)).isLessThan(24);
    assertThat(at(luma(40, 40))).isEqualTo(original[luma(40, 40)] & 0xff);
  }

  /** The largest difference between horizontal neighbours in a square of the Y plane. */
  private static int largestStep(ByteBuffer y, int from, int to) {
    int largest = 0;
    for (int row = from; row < to; row++) {
      for (int col = from; col < to - 1; col++) {
        largest =
            Math.max(
                largest,
                Math.abs((y.get(luma(col, row)) & 0xff) - (y.get(luma(col + 1, row)) & 0xff)));
      }
    }
    return largest;
  }

  @Test
  void gaussianSmoothsNoiseInsideTheBox() {
    new FrameBlurrer(BlurMode.GAUSSIAN, MaskShape.BOX)
        .apply(frame, List.of(new PixelBox(0, 0, 40, 40)));

    assertThat(roughness(frame.buffer(), 5, 35))
        .isLessThan(roughness(ByteBuffer.wrap(original), 5, 35) / 4);
  }

  /** Mean absolute difference between horizontal neighbours in a square of the Y plane. */
  private static double roughness(ByteBuffer y, int from, int to) {
    long sum = 0;
    int count = 0;
    for (int row = from; row < to; row++) {
      for (int col = from; col < to - 1; col++) {
        sum += Math.abs((y.get(luma(col, row)) & 0xff) - (y.get(luma(col + 1, row)) & 0xff));
        count++;
      }
    }
    return (double) sum / count;
  }

  @Test
  void faceBoxIsEnlargedAroundItsCentreAndClampedToTheFrame() {
    PixelBox box =
        PixelBox.cover(new io.privacypal.common.detect.FaceBox(50, 10, 20, 20, 1), 1.3, W, H)
            .orElseThrow();

    assertThat(box).isEqualTo(new PixelBox(47, 7, 17, 26));
  }
}
