package io.privacypal.worker.blur;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.worker.opencv.OpenCvNative;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class GridMosaicTest {
  private Mat plane;

  @BeforeEach
  void noisyPlane() {
    OpenCvNative.load();
    plane = new Mat(160, 202, CvType.CV_8UC1);
    byte[] noise = new byte[(int) plane.total()];
    new Random(3).nextBytes(noise);
    plane.put(0, 0, noise);
  }

  @AfterEach
  void release() {
    plane.release();
  }

  /**
   * A tracked box moves and grows by a pixel or two from frame to frame; on a grid of its own every
   * cell moved with it. On the frame's grid the cells inside both areas keep their values: only the
   * picture under them can change them.
   */
  @Test
  void cellsKeepTheirValuesWhenTheAreaMovesAndGrowsAPixel() {
    PixelBox area = new PixelBox(20, 14, 120, 100);
    PixelBox moved = new PixelBox(21, 16, 122, 101);
    int cell = GridMosaic.lumaCell(100);
    assertThat(GridMosaic.lumaCell(101)).isEqualTo(cell);

    int[][] before = drawn(area, cell);
    int[][] after = drawn(moved, cell);

    // A cell in from both areas' edges: their grids end at most a cell past them, and the
    // softening reaches three quarters of a cell into them.
    int margin = cell;
    int unchanged = 0;
    for (int y = moved.y() + margin; y < area.y() + area.height() - margin; y++) {
      for (int x = moved.x() + margin; x < area.x() + area.width() - margin; x++) {
        assertThat(after[y][x]).as("pixel (%d, %d)", x, y).isEqualTo(before[y][x]);
        unchanged++;
      }
    }
    assertThat(unchanged).isGreaterThan(3000);
  }

  /** The plane's pixels as drawn over {@code area}, in plane coordinates (-1 outside it). */
  private int[][] drawn(PixelBox area, int cell) {
    Mat out = new Mat();
    try {
      GridMosaic.draw(plane, area, cell, out);
      assertThat(out.rows()).isEqualTo(area.height());
      assertThat(out.cols()).isEqualTo(area.width());
      int[][] pixels = new int[plane.rows()][plane.cols()];
      for (int[] row : pixels) {
        java.util.Arrays.fill(row, -1);
      }
      byte[] values = new byte[(int) out.total()];
      out.get(0, 0, values);
      for (int y = 0; y < area.height(); y++) {
        for (int x = 0; x < area.width(); x++) {
          pixels[area.y() + y][area.x() + x] = values[y * area.width() + x] & 0xff;
        }
      }
      return pixels;
    } finally {
      out.release();
    }
  }

  /**
   * At most six cells across an area's shorter side, so a face stays unrecognisable, and never more
   * than 1.5 times coarser than six would be (twice at the smallest sizes); the sizes are few and
   * even, so a growing head changes its grid rarely and chroma cells are half a luma cell.
   */
  @Test
  void cellSizesLeaveAtMostSixCellsAcrossFromAFewEvenSizes() {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (int side = 1; side <= 2160; side++) {
      int cell = GridMosaic.lumaCell(side);
      assertThat(cell % 2).as("cell for %d px", side).isZero();
      assertThat((side + cell - 1) / cell).as("cells across %d px", side).isLessThanOrEqualTo(6);
      double sixAcross = Math.max(2, side / 6.0);
      assertThat(cell).as("cell for %d px", side).isLessThanOrEqualTo((int) (2 * sixAcross) + 1);
      if (side >= 48) {
        assertThat(cell)
            .as("cell for %d px", side)
            .isLessThanOrEqualTo((int) (1.5 * sixAcross) + 1);
      }
      sizes.add(cell);
    }
    assertThat(sizes)
        .containsExactly(
            2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192,
            224, 256, 320, 384);
  }

  /** A cell the frame's edge cuts is still one cell, of the pixels inside the frame. */
  @Test
  void coversAreasAtTheFramesEdgeWhereTheGridRunsPastIt() {
    PixelBox edge = new PixelBox(175, 70, 27, 20);
    int cell = GridMosaic.lumaCell(20);
    assertThat(plane.cols() % cell).isNotZero();

    int[][] pixels = drawn(edge, cell);

    byte[] noise = new byte[(int) plane.total()];
    plane.get(0, 0, noise);
    double drawnSteps = 0;
    double noiseSteps = 0;
    for (int y = 70; y < 90; y++) {
      for (int x = 175; x < 201; x++) {
        drawnSteps += Math.abs(pixels[y][x] - pixels[y][x + 1]);
        int at = y * plane.cols() + x;
        noiseSteps += Math.abs((noise[at] & 0xff) - (noise[at + 1] & 0xff));
      }
    }
    assertThat(drawnSteps).isLessThan(noiseSteps / 8);
  }

  /**
   * Two covers of one head overlap, with the same cells: drawn together once, each still gets the
   * mosaic of its own place, as drawn alone (but for the softening at its edges).
   */
  @Test
  void overlappingAreasDrawnTogetherEachGetTheirOwnPlacesMosaic() {
    PixelBox first = new PixelBox(20, 14, 90, 80);
    PixelBox second = new PixelBox(40, 30, 95, 84);
    int cell = GridMosaic.lumaCell(80);
    assertThat(GridMosaic.lumaCell(84)).isEqualTo(cell);
    int[][] alone = drawn(first, cell);
    int[][] aloneSecond = drawn(second, cell);

    try (GridMosaic.Drawn together =
        GridMosaic.draw(plane, List.of(first, second), new int[] {cell, cell})) {
      assertSameInside(alone, first, together.of(0), cell);
      assertSameInside(aloneSecond, second, together.of(1), cell);
    }
  }

  private static void assertSameInside(int[][] expected, PixelBox area, Mat drawn, int cell) {
    assertThat(drawn.rows()).isEqualTo(area.height());
    assertThat(drawn.cols()).isEqualTo(area.width());
    int compared = 0;
    for (int y = cell; y < area.height() - cell; y++) {
      for (int x = cell; x < area.width() - cell; x++) {
        assertThat((int) drawn.get(y, x)[0])
            .as("pixel (%d, %d)", area.x() + x, area.y() + y)
            .isEqualTo(expected[area.y() + y][area.x() + x]);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(1000);
  }
}
