package io.privacypal.worker.blur;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.worker.opencv.OpenCvNative;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class SoftenedCellsTest {
  /**
   * The mosaic the leak benchmark judged was the cells enlarged by OpenCV and then softened by its
   * gaussian; the closed form must draw the same picture (OpenCV rounds its gaussian's taps in
   * fixed point: on 3000 such areas 2723 differed by one grey level at most, 55 by two, none by
   * more), for areas of every shape and cells of every size, the 1-pixel-wide and the fractional
   * grids (an area of 455 px in 42 cells) included.
   */
  @Test
  void drawsWhatEnlargingAndThenTheGaussianDraw() {
    OpenCvNative.load();
    Random random = new Random(11);
    List<String> apart = new ArrayList<>();
    for (int trial = 0; trial < 200; trial++) {
      int rows = 1 + random.nextInt(400);
      int cols = 1 + random.nextInt(500);
      int cell = 1 + random.nextInt(Math.max(1, Math.min(rows, cols) / 3));
      Mat cells = new Mat((rows + cell - 1) / cell, (cols + cell - 1) / cell, CvType.CV_8UC1);
      byte[] values = new byte[(int) cells.total()];
      random.nextBytes(values);
      cells.put(0, 0, values);
      Mat expected = new Mat();
      Mat drawn = new Mat();
      Mat difference = new Mat();
      Imgproc.resize(cells, expected, new Size(cols, rows), 0, 0, Imgproc.INTER_NEAREST);
      Imgproc.GaussianBlur(expected, expected, new Size(cell | 1, cell | 1), 0);
      SoftenedCells.enlarge(
          cells, drawn, new SoftenedCells.Window(rows, cols, 0, 0, rows, cols), cell | 1);
      Core.absdiff(expected, drawn, difference);
      double largest = Core.minMaxLoc(difference).maxVal;
      if (largest > 2) {
        apart.add(
            "%dx%d in cells of %d: %.0f grey levels apart".formatted(cols, rows, cell, largest));
      }
      cells.release();
      expected.release();
      drawn.release();
      difference.release();
    }

    assertThat(apart).isEmpty();
  }
}
