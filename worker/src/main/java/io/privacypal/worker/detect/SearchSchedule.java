package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Point;

/**
 * Which squares of one video's keyframes the network searches. Every keyframe: the whole frame, the
 * squares near the heads the last keyframes found (moved with the camera), and the squares whose
 * pixels changed beyond the camera's own motion ({@link MovedPixels}), which include what a pan
 * brought into view and wherever a face came in, moved or turned. Everything on the first keyframe,
 * every {@link #FULL_EVERY}th one and whenever most of the picture changed (a cut, a zoom): a face
 * the network missed in a still part of the picture gets another chance there. One instance per
 * video, its keyframes in order.
 */
final class SearchSchedule implements AutoCloseable {
  /** Keyframes from one full search to the next. */
  static final int FULL_EVERY = 2;

  /** Share of the tiles that changed from which the whole picture is searched. */
  static final double MOSTLY_CHANGED = 0.75;

  /** How far around a known head its squares are searched, in head sizes on each side. */
  static final double NEAR_KNOWN = 1.0;

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
    List<FaceBox> near = new ArrayList<>(known.size());
    for (FaceBox head : known) {
      double margin = NEAR_KNOWN * Math.max(head.width(), head.height());
      Point centre = moved.moved(new Point(head.centerX(), head.centerY()));
      near.add(
          new FaceBox(
              centre.x - head.width() / 2 - margin,
              centre.y - head.height() / 2 - margin,
              head.width() + 2 * margin,
              head.height() + 2 * margin,
              head.confidence()));
    }
    List<Tiles.Square> chosen = new ArrayList<>();
    chosen.add(all.get(0));
    for (Tiles.Square square : all.subList(1, all.size())) {
      if (near.stream().anyMatch(box -> overlaps(square, box))
          || moved.changed(square.x(), square.y(), square.side(), square.side())) {
        chosen.add(square);
      }
    }
    return chosen;
  }

  private static boolean overlaps(Tiles.Square square, FaceBox box) {
    return box.x() < square.x() + square.side()
        && box.x() + box.width() > square.x()
        && box.y() < square.y() + square.side()
        && box.y() + box.height() > square.y();
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
