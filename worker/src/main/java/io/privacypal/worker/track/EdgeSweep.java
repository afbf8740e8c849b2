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
    return Math.max(size * FRAMES_PER_SECOND_OF_TRAVEL / frameRate, size * FRAMES_PER_FRAME_OF_TRAVEL);
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
    double left = face.x();
    double top = face.y();
    double right = face.x() + face.width();
    double bottom = face.y() + face.height();
    if (left <= stepX * windowFrames) {
      left = Math.max(0, left - stepX * framesAway);
    }
    if (width - right <= stepX * windowFrames) {
      right = Math.min(width, right + stepX * framesAway);
    }
    if (top <= stepY * windowFrames) {
      top = Math.max(0, top - stepY * framesAway);
    }
    if (height - bottom <= stepY * windowFrames) {
      bottom = Math.min(height, bottom + stepY * framesAway);
    }
    return new FaceBox(left, top, right - left, bottom - top, face.confidence());
  }
}
