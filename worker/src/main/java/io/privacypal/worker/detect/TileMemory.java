package io.privacypal.worker.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What the network found in each square of one video's frames, and how that square looked then, so
 * that a square whose pixels have not changed since is not searched again: the same pixels give the
 * same faces. A square counts as changed when any cell of a coarse grid over it changed its mean
 * grey level by more than {@link #CHANGED_ABOVE}; a face moving in, however small, changes the
 * cells it covers by far more. Every {@link #RESCAN_EVERY}th keyframe searches everything again, so
 * slow drifts below the threshold cannot hide anything for long. One instance per video.
 */
final class TileMemory<F> implements AutoCloseable {
  static final double CHANGED_ABOVE = 4;
  static final int RESCAN_EVERY = 10;

  /** Cells per side of the grid: 11 px cells on a 360 px tile, smaller than the smallest face. */
  private static final int GRID = 32;

  private record Seen<F>(Mat look, List<F> faces) {}

  private final Map<Tiles.Square, Seen<F>> seen = new HashMap<>();
  private long keyframes;
  private long searched;
  private long reused;

  /** Starts a keyframe: true when this one must search every square regardless. */
  synchronized boolean startKeyframe() {
    return keyframes++ % RESCAN_EVERY == 0;
  }

  /** The faces remembered for this square if it looks as it did when searched, else null. */
  synchronized List<F> unchanged(Tiles.Square square, Mat look) {
    Seen<F> before = seen.get(square);
    if (before == null) {
      return null;
    }
    Mat difference = new Mat();
    try {
      Core.absdiff(look, before.look(), difference);
      return Core.minMaxLoc(difference).maxVal > CHANGED_ABOVE ? null : before.faces();
    } finally {
      difference.release();
    }
  }

  synchronized void remember(Tiles.Square square, Mat look, List<F> faces) {
    Seen<F> old = seen.put(square, new Seen<>(look, List.copyOf(faces)));
    if (old != null) {
      old.look().release();
    }
    searched++;
  }

  synchronized void reused() {
    reused++;
  }

  /** Squares searched and squares whose earlier faces were reused, for logs and the benchmark. */
  synchronized long[] counts() {
    return new long[] {searched, reused};
  }

  /** The square's part of the grey plane, shrunk to the comparison grid. */
  static Mat look(Mat luma, Tiles.Square square) {
    int right = Math.min(luma.cols(), square.x() + square.side());
    int bottom = Math.min(luma.rows(), square.y() + square.side());
    Mat region =
        luma.submat(new Rect(square.x(), square.y(), right - square.x(), bottom - square.y()));
    Mat small = new Mat();
    try {
      Imgproc.resize(region, small, new Size(GRID, GRID), 0, 0, Imgproc.INTER_AREA);
      return small;
    } finally {
      region.release();
    }
  }

  @Override
  public synchronized void close() {
    seen.values().forEach(s -> s.look().release());
    seen.clear();
  }
}
