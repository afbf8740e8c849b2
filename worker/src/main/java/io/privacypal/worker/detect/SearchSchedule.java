package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencv.core.Mat;
import org.opencv.core.Point;

/**
 * Which squares of one video's keyframes the network searches. Every keyframe: the whole frame, for
 * each head the last keyframes found the tile centred nearest to it (moved with the camera: the
 * tile that holds it most whole), and the squares whose pixels changed beyond the camera's own
 * motion ({@link MovedPixels}), which include what a pan brought into view and wherever a face came
 * in, moved or turned. Everything on the first keyframe, every {@link #FULL_EVERY}th one and
 * whenever most of the picture changed (a cut, a zoom): a face the network missed in a still part
 * of the picture gets another chance there. One instance per video, its keyframes in order.
 */
final class SearchSchedule implements AutoCloseable {
  /** Keyframes from one full search to the next. */
  static final int FULL_EVERY = 3;

  /** Share of the tiles that changed from which the whole picture is searched. */
  static final double MOSTLY_CHANGED = 0.75;

  private final int fullEvery;
  private final MovedPixels moved = new MovedPixels();
  private long keyframes;
  private long squaresSearched;
  private long squaresSkipped;

  SearchSchedule() {
    this(FULL_EVERY);
  }

  /** Searching in full every {@code fullEvery}th keyframe: 1 for every one. */
  SearchSchedule(int fullEvery) {
    this.fullEvery = fullEvery;
  }

  /**
   * The squares of {@code all} (the whole frame first, then tiles, as {@link Tiles#of}) to search
   * in this keyframe, whose grey plane is {@code luma}; {@code known} are the heads of the last
   * keyframes.
   */
  List<Tiles.Square> squares(Mat luma, List<Tiles.Square> all, List<FaceBox> known) {
    boolean compared = moved.next(luma);
    boolean due = keyframes++ % fullEvery == 0;
    boolean full = due || !compared;
    List<Tiles.Square> chosen = full ? all : partial(all, known);
    if (!full && chosen.size() - 1 >= MOSTLY_CHANGED * (all.size() - 1)) {
      chosen = all;
    }
    squaresSearched += chosen.size();
    squaresSkipped += all.size() - chosen.size();
    return chosen;
  }

  private List<Tiles.Square> partial(List<Tiles.Square> all, List<FaceBox> known) {
    List<Tiles.Square> tiles = all.subList(1, all.size());
    Set<Tiles.Square> near = new HashSet<>();
    for (FaceBox head : known) {
      near.add(centredOn(tiles, moved.moved(new Point(head.centerX(), head.centerY()))));
    }
    List<Tiles.Square> chosen = new ArrayList<>();
    chosen.add(all.get(0));
    for (Tiles.Square square : tiles) {
      if (near.contains(square)
          || moved.changed(square.x(), square.y(), square.side(), square.side())) {
        chosen.add(square);
      }
    }
    return chosen;
  }

  /** The tile whose centre is nearest the point: the one that holds a head there most whole. */
  private static Tiles.Square centredOn(List<Tiles.Square> tiles, Point point) {
    Tiles.Square best = tiles.get(0);
    double bestDistance = Double.MAX_VALUE;
    for (Tiles.Square tile : tiles) {
      double dx = tile.x() + tile.side() / 2.0 - point.x;
      double dy = tile.y() + tile.side() / 2.0 - point.y;
      double distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        best = tile;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Squares searched and skipped so far, for logs and the benchmark. */
  long[] counts() {
    return new long[] {squaresSearched, squaresSkipped};
  }

  @Override
  public void close() {
    moved.close();
  }
}
