package io.privacypal.worker.blur;

import org.opencv.core.Core;
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
   * @param cells the cell averages, 8-bit
   * @param out the area: {@code rows x cols}, 8-bit, created here
   * @param kernel the gaussian's size (odd), its sigma OpenCV's default for that size
   */
  static void enlarge(Mat cells, Mat out, int rows, int cols, int kernel) {
    Mat gaussian = Imgproc.getGaussianKernel(kernel, 0, CvType.CV_64F);
    double[] taps = new double[kernel];
    gaussian.get(0, 0, taps);
    gaussian.release();
    Mat values = new Mat();
    Mat down = weights(rows, cells.rows(), taps);
    Mat across = weights(cols, cells.cols(), taps);
    Mat cellRows = new Mat();
    Mat soft = new Mat();
    Mat none = new Mat();
    try {
      cells.convertTo(values, CvType.CV_32F);
      Core.gemm(values, across, 1, none, 0, cellRows, Core.GEMM_2_T);
      Core.gemm(down, cellRows, 1, none, 0, soft);
      soft.convertTo(out, CvType.CV_8U);
    } finally {
      values.release();
      down.release();
      across.release();
      cellRows.release();
      soft.release();
    }
  }

  /**
   * {@code pixels x cells}: for each output pixel, the kernel's taps summed by the cell each tap's
   * pixel (reflected at the edges without repeating the edge pixel, OpenCV's default border) comes
   * from.
   */
  static Mat weights(int pixels, int cellCount, double[] taps) {
    int reach = taps.length / 2;
    int[] cellOf = new int[pixels + 2 * reach];
    // As resize's nearest neighbour picks its source: the inverse of its scale, floored.
    double step = 1.0 / ((double) pixels / cellCount);
    for (int i = 0; i < cellOf.length; i++) {
      int pixel = reflect(i - reach, pixels);
      cellOf[i] = Math.min((int) Math.floor(pixel * step), cellCount - 1);
    }
    float[] sums = new float[pixels * cellCount];
    for (int pixel = 0; pixel < pixels; pixel++) {
      int row = pixel * cellCount;
      for (int tap = 0; tap < taps.length; tap++) {
        sums[row + cellOf[pixel + tap]] += (float) taps[tap];
      }
    }
    Mat weights = new Mat(pixels, cellCount, CvType.CV_32F);
    weights.put(0, 0, sums);
    return weights;
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
