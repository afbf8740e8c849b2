package io.privacypal.worker.blur;

import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.video.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Makes areas of an I420 frame unrecognisable, in place, on the Y, U and V planes (no colour
 * conversion): a mosaic, a strong gaussian blur or a solid fill, as a box or an ellipse.
 */
public final class FrameBlurrer {
  /**
   * The ellipse mask's ellipse is this much larger than the one inscribed in the area, and cut by
   * it: a head's ellipse tilted by up to 45° (its sides at least 0.7 of each other) that the area
   * bounds lies inside it, where it reached past the inscribed one towards the area's corners.
   */
  static final double ELLIPSE_REACH = 1.16;

  /** Black in video range. */
  private static final int FILL_LUMA = 16;

  private static final int FILL_CHROMA = 128;

  private final BlurMode mode;
  private final MaskShape mask;

  public FrameBlurrer(BlurMode mode, MaskShape mask) {
    OpenCvNative.load();
    this.mode = mode;
    this.mask = mask;
  }

  public void apply(Frame frame, List<PixelBox> areas) {
    apply(frame, areas, List.of());
  }

  /** An area of the frame and the outline it is covered in. */
  private record Cover(PixelBox area, MaskShape outline) {}

  /**
   * Covers {@code areas} in the mask's shape and {@code wholeAreas} whole, as boxes: areas a head
   * may be anywhere inside, whose corners an ellipse would leave bare.
   */
  public void apply(Frame frame, List<PixelBox> areas, List<PixelBox> wholeAreas) {
    List<Cover> covers = new ArrayList<>(areas.size() + wholeAreas.size());
    areas.forEach(area -> covers.add(new Cover(area, mask)));
    wholeAreas.forEach(area -> covers.add(new Cover(area, MaskShape.BOX)));
    if (mode == BlurMode.MOSAIC) {
      // Finer cells first: where covers overlap, the coarsest mosaic is drawn last and stays.
      covers.sort(Comparator.comparingInt(cover -> lumaCell(cover.area())));
      // Each cover's luma cell on every plane, so the chroma cells line up with the luma ones.
      int[] cells = covers.stream().mapToInt(cover -> lumaCell(cover.area())).toArray();
      mosaic(frame.y(), covers, cells, 1);
      mosaic(frame.u(), halved(covers, frame.u()), cells, 2);
      mosaic(frame.v(), halved(covers, frame.v()), cells, 2);
      return;
    }
    for (Cover cover : covers) {
      fill(frame.y(), cover, FILL_LUMA);
      fill(frame.u(), halved(cover, frame.u()), FILL_CHROMA);
      fill(frame.v(), halved(cover, frame.v()), FILL_CHROMA);
    }
  }

  private static List<Cover> halved(List<Cover> covers, Mat plane) {
    return covers.stream().map(cover -> halved(cover, plane)).toList();
  }

  private static Cover halved(Cover cover, Mat plane) {
    return new Cover(cover.area().halved(plane.cols(), plane.rows()), cover.outline());
  }

  /** The cell size of an area's mosaic, from its size in luma pixels on every plane. */
  private static int lumaCell(PixelBox lumaArea) {
    return GridMosaic.lumaCell(Math.min(lumaArea.width(), lumaArea.height()));
  }

  /**
   * Mosaics the covers of one plane, given in its pixels, with their luma cells halved where it is
   * subsampled: all from its picture before any of them.
   */
  private static void mosaic(Mat plane, List<Cover> covers, int[] lumaCells, int subsampling) {
    int[] cells = new int[lumaCells.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = Math.max(1, lumaCells[i] / subsampling);
    }
    try (GridMosaic.Drawn drawn =
        GridMosaic.draw(plane, covers.stream().map(Cover::area).toList(), cells)) {
      for (int i = 0; i < covers.size(); i++) {
        paste(plane, covers.get(i), drawn.of(i));
      }
    }
  }

  private void fill(Mat plane, Cover cover, int fill) {
    PixelBox area = cover.area();
    Mat roi = plane.submat(new Rect(area.x(), area.y(), area.width(), area.height()));
    Mat covered = new Mat();
    try {
      if (mode == BlurMode.FILL) {
        covered.create(roi.rows(), roi.cols(), CvType.CV_8UC1);
        covered.setTo(new Scalar(fill));
      } else {
        int kernel = Math.max(3, Math.min(roi.rows(), roi.cols()) / 2) | 1;
        Imgproc.GaussianBlur(roi, covered, new Size(kernel, kernel), 0);
      }
      paste(plane, cover, covered);
    } finally {
      roi.release();
      covered.release();
    }
  }

  /** Copies {@code covered} (the area's size) into the plane in the cover's outline. */
  private static void paste(Mat plane, Cover cover, Mat covered) {
    PixelBox area = cover.area();
    Mat roi = plane.submat(new Rect(area.x(), area.y(), area.width(), area.height()));
    Mat shape = new Mat();
    try {
      if (cover.outline() == MaskShape.ELLIPSE) {
        shape.create(roi.rows(), roi.cols(), CvType.CV_8UC1);
        shape.setTo(new Scalar(0));
        Point centre = new Point((roi.cols() - 1) / 2.0, (roi.rows() - 1) / 2.0);
        Size axes = new Size(ELLIPSE_REACH * roi.cols() / 2.0, ELLIPSE_REACH * roi.rows() / 2.0);
        Imgproc.ellipse(shape, centre, axes, 0, 0, 360, new Scalar(255), -1);
        covered.copyTo(roi, shape);
      } else {
        covered.copyTo(roi);
      }
    } finally {
      roi.release();
      shape.release();
    }
  }
}
