package io.privacypal.worker.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Square regions of a frame for a detector with a small fixed input: the whole frame (padded to a
 * square) for big faces, then tiles for small ones, overlapping their neighbours by at least a
 * quarter so that a face cut by one tile's edge is whole in the next.
 */
final class Tiles {
  private static final double MAX_STEP = 0.75;

  /** A square of {@code side} pixels at ({@code x}, {@code y}); it may reach past the frame. */
  record Square(int x, int y, int side) {}

  private Tiles() {}

  /** The whole frame, then tiles of {@code side} pixels (at most the frame's shorter side). */
  static List<Square> of(int width, int height, int side) {
    List<Square> squares = new ArrayList<>();
    squares.add(new Square(0, 0, Math.max(width, height)));
    side = Math.min(side, Math.min(width, height));
    for (int y : offsets(height, side)) {
      for (int x : offsets(width, side)) {
        squares.add(new Square(x, y, side));
      }
    }
    return squares;
  }

  private static List<Integer> offsets(int length, int side) {
    if (length <= side) {
      return List.of(0);
    }
    int count = (int) Math.ceil((length - side) / (MAX_STEP * side)) + 1;
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      offsets.add((int) Math.round((double) i * (length - side) / (count - 1)));
    }
    return offsets;
  }
}
