package io.privacypal.worker.blur;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A mosaic whose cells lie on a grid fixed to the frame, in a few sizes, rather than on one that
 * starts at each area's corner and divides its side. An area's grid used to move and rescale with
 * every pixel its tracked box moved or grew, so every pixel of every cover changed in every frame
 * and the encoder coded them anew; on the fixed grid a cell keeps its place and changes only as the
 * picture under it does. A cell is the average of all its pixels, those outside the area included,
 * and an area takes whole cells' values where it cuts them.
 */
final class GridMosaic {
  /**
   * Cells across the shorter side of an area at the most (fewer where its size falls between two
   * cell sizes): few enough that a face is unrecognisable. With 8, an exact cover (the ground-truth
   * detector's) of a tilted head on the leak benchmark kept 4 of its 16 cells in one frame, where
   * the grid lined up with the head's edges; with 6 none did.
   */
  static final int CELLS_ACROSS = 6;

  private GridMosaic() {}

  /**
   * The cell's side in luma pixels for an area whose shorter luma side is {@code lumaShort}: the
   * smallest of 2, 4, 6, 8, then four sizes an octave (8, 10, 12, 14, 16, 20, 24, 28, 32, 40, ...:
   * steps of at most 1.25x, even, so that the chroma planes' cells are half as large on the same
   * grid) that leaves at most {@link #CELLS_ACROSS} cells across it: never finer than a grid of its
   * own, and coarser by at most a quarter. Steps of 1.5x (2, 4, 6, 8, 12, 16, 24, ...) raised the
   * leak benchmark's over-blur by a tenth.
   */
  static int lumaCell(int lumaShort) {
    int wanted = Math.max(2, (lumaShort + CELLS_ACROSS - 1) / CELLS_ACROSS);
    for (int small = 2; small < 8; small += 2) {
      if (small >= wanted) {
        return small;
      }
    }
    for (int octave = 8; ; octave *= 2) {
      for (int quarter = 4; quarter < 8; quarter++) {
        int cell = octave * quarter / 4;
        if (cell >= wanted) {
          return cell;
        }
      }
    }
  }

  /**
   * The mosaics of {@code areas} of {@code plane}, each with cells of {@code cells[i]} pixels of
   * this plane, all drawn from the plane as it is now. Areas whose cells overlap are drawn as one
   * rectangle where that costs no more than drawing them apart.
   */
  static Drawn draw(Mat plane, List<PixelBox> areas, int[] cells) {
    List<Cluster> clusters = new ArrayList<>();
    for (int i = 0; i < areas.size(); i++) {
      clusters.add(new Cluster(onGrid(areas.get(i), cells[i], plane), cells[i], List.of(i)));
    }
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int a = 0; a < clusters.size() && !merged; a++) {
        for (int b = a + 1; b < clusters.size() && !merged; b++) {
          Cluster joined = clusters.get(a).joinedWith(clusters.get(b));
          if (joined != null) {
            clusters.set(a, joined);
            clusters.remove(b);
            merged = true;
          }
        }
      }
    }
    Drawn drawn = new Drawn(areas.size());
    for (Cluster cluster : clusters) {
      Rect region = cluster.region();
      Mat mosaic = new Mat();
      drawn.regions.add(mosaic);
      draw(
          plane,
          new PixelBox(region.x, region.y, region.width, region.height),
          cluster.cell(),
          mosaic);
      for (int i : cluster.areas()) {
        PixelBox area = areas.get(i);
        drawn.byArea[i] =
            mosaic.submat(
                new Rect(area.x() - region.x, area.y() - region.y, area.width(), area.height()));
      }
    }
    return drawn;
  }

  /** The mosaics {@link #draw(Mat, List, int[])} drew, one per area, released together. */
  static final class Drawn implements AutoCloseable {
    private final Mat[] byArea;
    private final List<Mat> regions = new ArrayList<>();

    private Drawn(int areas) {
      byArea = new Mat[areas];
    }

    /** The mosaic of the {@code i}th area, its size. */
    Mat of(int i) {
      return byArea[i];
    }

    @Override
    public void close() {
      for (Mat mat : byArea) {
        mat.release();
      }
      regions.forEach(Mat::release);
    }
  }

  /** Areas drawn together: the rectangle of whole cells around them (cut by the plane's edge). */
  private record Cluster(Rect region, int cell, List<Integer> areas) {
    /** The two as one, when they share cells and their rectangle is no larger than both apart. */
    Cluster joinedWith(Cluster other) {
      if (other.cell != cell) {
        return null;
      }
      int left = Math.max(region.x, other.region.x);
      int top = Math.max(region.y, other.region.y);
      int right = Math.min(region.x + region.width, other.region.x + other.region.width);
      int bottom = Math.min(region.y + region.height, other.region.y + other.region.height);
      if (right <= left || bottom <= top) {
        return null;
      }
      int x0 = Math.min(region.x, other.region.x);
      int y0 = Math.min(region.y, other.region.y);
      int x1 = Math.max(region.x + region.width, other.region.x + other.region.width);
      int y1 = Math.max(region.y + region.height, other.region.y + other.region.height);
      long both =
          (long) region.width * region.height + (long) other.region.width * other.region.height;
      if ((long) (x1 - x0) * (y1 - y0) > both) {
        return null;
      }
      List<Integer> joined = new ArrayList<>(areas);
      joined.addAll(other.areas);
      return new Cluster(new Rect(x0, y0, x1 - x0, y1 - y0), cell, joined);
    }
  }

  /** The whole cells an area touches, cut by the plane's edge. */
  private static Rect onGrid(PixelBox area, int cell, Mat plane) {
    int left = area.x() / cell * cell;
    int top = area.y() / cell * cell;
    int right = Math.min(plane.cols(), ceilTo(area.x() + area.width(), cell));
    int bottom = Math.min(plane.rows(), ceilTo(area.y() + area.height(), cell));
    return new Rect(left, top, right - left, bottom - top);
  }

  /**
   * Draws into {@code out} (the area's size, created here) the mosaic of {@code plane} over {@code
   * area}, with cells of {@code cell} pixels of this plane counted from its top left corner,
   * softened across their edges by a gaussian {@link #softening} wide.
   */
  static void draw(Mat plane, PixelBox area, int cell, Mat out) {
    Rect grid = onGrid(area, cell, plane);
    int cols = (grid.width + cell - 1) / cell;
    int rows = (grid.height + cell - 1) / cell;
    Mat region = plane.submat(grid);
    Mat whole = new Mat();
    Mat cells = new Mat();
    try {
      // A cell the frame's edge cuts is filled out with the pixels along that edge.
      Core.copyMakeBorder(
          region,
          whole,
          0,
          rows * cell - grid.height,
          0,
          cols * cell - grid.width,
          Core.BORDER_REPLICATE);
      Imgproc.resize(whole, cells, new Size(cols, rows), 0, 0, Imgproc.INTER_AREA);
      SoftenedCells.enlarge(
          cells,
          out,
          new SoftenedCells.Window(
              rows * cell,
              cols * cell,
              area.y() - grid.y,
              area.x() - grid.x,
              area.height(),
              area.width()),
          softening(cell));
    } finally {
      region.release();
      whole.release();
      cells.release();
    }
  }

  /**
   * The softening gaussian's size for cells of {@code cell} pixels: a cell and a half. Sharp cell
   * edges line up with a face's own edges often enough to keep some of its detail. On the frame's
   * grid, where the cells fall on a face no longer follows its cover, a gaussian a cell wide kept a
   * quarter of a 60 px head's detail in {@code PipelineMosaicTest} at one of three heights of the
   * picture on the grid (at all three widths); a cell and a half keeps none of any head at any of
   * 16 placements.
   */
  static int softening(int cell) {
    return (cell * 3 / 2) | 1;
  }

  private static int ceilTo(int value, int step) {
    return (value + step - 1) / step * step;
  }
}
