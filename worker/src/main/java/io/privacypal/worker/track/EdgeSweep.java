package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;

/**
 * Where a face seen at only one of two keyframes may have been in the frames between them, when it
 * is near an edge: it may have slid in (or out) through that edge, so its box is stretched towards
 * the edge by as far as a face can travel in the time from the keyframe. Holding the box where the
 * face was seen leaves the part of the path nearer the edge uncovered: faces entering between
 * keyframes leaked there for a few frames at intervals of 0.2 s and more.
 */
final class EdgeSweep {
  /**
   * The fastest motion covered, in frame sizes per second: a face crossing the whole picture in two
   * seconds (someone walking past a phone a few metres away, or a quick pan). An overestimate only
   * blurs more of an edge for a keyframe interval or two.
   */
  static final double FRAMES_PER_SECOND_OF_TRAVEL = 0.5;

  /**
   * And in frame sizes per frame, whatever the frame rate: 60 px a frame across 1920x1080
   * (measured: a face crossing a 1080p picture at 40 px a frame leaked where it left).
   */
  static final double FRAMES_PER_FRAME_OF_TRAVEL = 1.0 / 32;

  /** Pixels a frame towards an edge from which a face counts as heading for it. */
  private static final double HEADING = 1;

  /** A box side within this many pixels of an edge is cut by it. */
  private static final double CUT_TOLERANCE = 1;

  private final int width;
  private final int height;
  private final double stepX;
  private final double stepY;

  EdgeSweep(int width, int height, double frameRate) {
    this.width = width;
    this.height = height;
    this.stepX = topSpeed(width, frameRate);
    this.stepY = topSpeed(height, frameRate);
  }

  /**
   * How far a face may move in one frame, in pixels, along a side of {@code size} pixels: also how
   * far the follower searches and how far apart two sightings of one face may be.
   */
  static double topSpeed(int size, double frameRate) {
    return Math.max(
        size * FRAMES_PER_SECOND_OF_TRAVEL / frameRate, size * FRAMES_PER_FRAME_OF_TRAVEL);
  }

  /** Whether the face could have crossed an edge within {@code windowFrames} frames. */
  boolean nearEdge(FaceBox face, int windowFrames) {
    double reachX = stepX * windowFrames;
    double reachY = stepY * windowFrames;
    return face.x() <= reachX
        || width - (face.x() + face.width()) <= reachX
        || face.y() <= reachY
        || height - (face.y() + face.height()) <= reachY;
  }

  /**
   * @param face the box at the keyframe that saw it
   * @param framesAway how many frames the covered frame is from that keyframe
   * @param windowFrames the frames between the two keyframes: an edge further away than a face can
   *     travel in that time cannot be where the face came from (or went to)
   */
  FaceBox sweep(FaceBox face, int framesAway, int windowFrames) {
    return sweep(face, framesAway, windowFrames, true, true, true, true);
  }

  /**
   * As {@link #sweep(FaceBox, int, int)}, but only towards the edges that a face moving {@code dx},
   * {@code dy} pixels a frame is heading for: a face whose velocity is known is carried by it, and
   * stretched only in case it speeds up.
   */
  FaceBox sweepAhead(FaceBox face, int framesAway, int windowFrames, double dx, double dy) {
    return sweep(
        face, framesAway, windowFrames, dx < -HEADING, dx > HEADING, dy < -HEADING, dy > HEADING);
  }

  private FaceBox sweep(
      FaceBox face,
      int framesAway,
      int windowFrames,
      boolean toLeft,
      boolean toRight,
      boolean up,
      boolean down) {
    double left = face.x();
    double top = face.y();
    double right = face.x() + face.width();
    double bottom = face.y() + face.height();
    if (toLeft && left <= stepX * windowFrames) {
      left = Math.max(0, left - stepX * framesAway);
    }
    if (toRight && width - right <= stepX * windowFrames) {
      right = Math.min(width, right + stepX * framesAway);
    }
    if (up && top <= stepY * windowFrames) {
      top = Math.max(0, top - stepY * framesAway);
    }
    if (down && height - bottom <= stepY * windowFrames) {
      bottom = Math.min(height, bottom + stepY * framesAway);
    }
    return new FaceBox(left, top, right - left, bottom - top, face.confidence());
  }

  /** Whether an edge cuts the box: it reaches the edge or past it (found boxes stop at it). */
  boolean cut(FaceBox box) {
    return box.x() <= CUT_TOLERANCE
        || box.y() <= CUT_TOLERANCE
        || box.x() + box.width() >= width - CUT_TOLERANCE
        || box.y() + box.height() >= height - CUT_TOLERANCE;
  }

  /**
   * A face box that an edge cuts is only the part of the face still in the picture: when another
   * sighting of the same face shows it larger, the face is taken to be that size, reaching past the
   * edge. Moving between a whole box and a cut one otherwise shrinks the cover from the wrong side,
   * and a face leaving at speed outruns it.
   */
  FaceBox uncut(FaceBox seen, FaceBox other) {
    double left = seen.x();
    double top = seen.y();
    double right = seen.x() + seen.width();
    double bottom = seen.y() + seen.height();
    if (other.width() > seen.width()) {
      if (left <= CUT_TOLERANCE) {
        left = right - other.width();
      } else if (right >= width - CUT_TOLERANCE) {
        right = left + other.width();
      }
    }
    if (other.height() > seen.height()) {
      if (top <= CUT_TOLERANCE) {
        top = bottom - other.height();
      } else if (bottom >= height - CUT_TOLERANCE) {
        bottom = top + other.height();
      }
    }
    return new FaceBox(left, top, right - left, bottom - top, seen.confidence());
  }
}
