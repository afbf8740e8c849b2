package io.privacypal.worker.blur;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A mosaic's cells enlarged to its area (nearest neighbour, as {@code Imgproc.resize} with {@code
 * INTER_NEAREST}) and softened by a gaussian (as {@code Imgproc.GaussianBlur}, reflected at the
 * area's edges), in one step from the cells. Both are linear and act on rows and columns apart, so
 * the result is {@code Wy · cells · Wxᵀ}, where a row of {@code Wx} holds how much of each cell's
 * column the kernel sums into one output column. The same picture within two grey levels (OpenCV's
 * gaussian rounds its taps in fixed point), but its cost follows the cell count: the gaussian's
 * grew with its kernel, a cell wide (45 taps for a 270 px area, most of the mosaic's CPU).
 */
final class SoftenedCells {
  private SoftenedCells() {}

  /**
   * A part of the enlarged area: {@code rows x cols} pixels from ({@code fromRow}, {@code fromCol})
   * of an area of {@code areaRows x areaCols}, softened (and reflected at the edges) as the whole
   * area would be.
   */
  record Window(int areaRows, int areaCols, int fromRow, int fromCol, int rows, int cols) {}

  /**
   * @param cells the cell averages, 8-bit
   * @param out the window of the area: {@code window.rows() x window.cols()}, 8-bit, created here
   * @param kernel the gaussian's size (odd), its sigma OpenCV's default for that size
   */
  static void enlarge(Mat cells, Mat out, Window window, int kernel) {
    Mat gaussian = Imgproc.getGaussianKernel(kernel, 0, CvType.CV_64F);
    double[] taps = new double[kernel];
    gaussian.get(0, 0, taps);
    gaussian.release();
    int cellRows = cells.rows();
    int cellCols = cells.cols();
    int rows = window.rows();
    int cols = window.cols();
    Band down = Band.of(window.fromRow(), rows, window.areaRows(), cellRows, taps);
    Band across = Band.of(window.fromCol(), cols, window.areaCols(), cellCols, taps);
    byte[] values = new byte[cellRows * cellCols];
    Mat packed = cells.isContinuous() ? cells : cells.clone();
    packed.get(0, 0, values);
    if (packed != cells) {
      packed.release();
    }
    // Each cell row enlarged and softened across (cellRows x cols), then down (rows x cols).
    float[] wide = new float[cellRows * cols];
    for (int row = 0; row < cellRows; row++) {
      int from = row * cellCols;
      int to = row * cols;
      for (int x = 0; x < cols; x++) {
        float sum = 0;
        for (int cell = across.first[x]; cell <= across.last[x]; cell++) {
          sum += across.weight(x, cell) * (values[from + cell] & 0xFF);
        }
        wide[to + x] = sum;
      }
    }
    float[] soft = new float[rows * cols];
    for (int y = 0; y < rows; y++) {
      int to = y * cols;
      for (int cell = down.first[y]; cell <= down.last[y]; cell++) {
        float w = down.weight(y, cell);
        int from = cell * cols;
        for (int x = 0; x < cols; x++) {
          soft[to + x] += w * wide[from + x];
        }
      }
    }
    Mat softened = new Mat(rows, cols, CvType.CV_32F);
    try {
      softened.put(0, 0, soft);
      softened.convertTo(out, CvType.CV_8U);
    } finally {
      softened.release();
    }
  }

  /**
   * {@code pixels x cells} weights: for each output pixel, the kernel's taps summed by the cell
   * each tap's pixel (reflected at the edges without repeating the edge pixel, OpenCV's default
   * border) comes from. A kernel a cell wide reaches two or three cells of a pixel's row, so only
   * the cells from {@code first} to {@code last} are visited: multiplying by the whole matrix
   * (OpenCV's {@code gemm}, with no BLAS in this build) cost most of the mosaic's CPU.
   */
  record Band(int cellCount, float[] weights, int[] first, int[] last) {
    /** The weights of {@code pixels} pixels from {@code from} of a row of {@code areaPixels}. */
    static Band of(int from, int pixels, int areaPixels, int cellCount, double[] taps) {
      int reach = taps.length / 2;
      int[] cellOf = new int[pixels + 2 * reach];
      // As resize's nearest neighbour picks its source: the inverse of its scale, floored.
      double step = 1.0 / ((double) areaPixels / cellCount);
      for (int i = 0; i < cellOf.length; i++) {
        int pixel = reflect(from + i - reach, areaPixels);
        cellOf[i] = Math.min((int) Math.floor(pixel * step), cellCount - 1);
      }
      double[] summed = new double[taps.length + 1];
      for (int tap = 0; tap < taps.length; tap++) {
        summed[tap + 1] = summed[tap] + taps[tap];
      }
      float[] sums = new float[pixels * cellCount];
      int[] first = new int[pixels];
      int[] last = new int[pixels];
      for (int pixel = 0; pixel < pixels; pixel++) {
        int row = pixel * cellCount;
        first[pixel] = cellCount;
        last[pixel] = -1;
        // Neighbouring taps mostly fall in one cell: each run of them is added at once.
        int tap = 0;
        while (tap < taps.length) {
          int cell = cellOf[pixel + tap];
          int end = tap + 1;
          while (end < taps.length && cellOf[pixel + end] == cell) {
            end++;
          }
          sums[row + cell] += (float) (summed[end] - summed[tap]);
          first[pixel] = Math.min(first[pixel], cell);
          last[pixel] = Math.max(last[pixel], cell);
          tap = end;
        }
      }
      return new Band(cellCount, sums, first, last);
    }

    float weight(int pixel, int cell) {
      return weights[pixel * cellCount + cell];
    }
  }

  /** {@code BORDER_REFLECT_101}: ...2 1 | 0 1 2 ... n-1 | n-2 ...; one pixel repeats itself. */
  private static int reflect(int pixel, int pixels) {
    if (pixels == 1) {
      return 0;
    }
    int period = 2 * (pixels - 1);
    int folded = Math.floorMod(pixel, period);
    return folded < pixels ? folded : period - folded;
  }
}
