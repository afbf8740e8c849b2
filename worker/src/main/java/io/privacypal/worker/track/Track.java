package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;

/**
 * A face at a keyframe and, once known, its velocity there in pixels per frame (from the keyframe
 * before, or from following it through the frames). A face that is not seen again is carried with
 * that velocity rather than held where it was last seen: a face walking towards a scene cut or an
 * edge leaves a held box within a few frames.
 */
record Track(FaceBox box, double dx, double dy, boolean moving) {
  static Track seen(FaceBox box) {
    return new Track(box, 0, 0, false);
  }

  /** A face at {@code from} that was at {@code to} {@code frames} frames later. */
  static Track between(FaceBox from, FaceBox to, int frames) {
    Track earlier = seen(from).towards(to, frames);
    return new Track(to, earlier.dx(), earlier.dy(), true);
  }

  /** This face, moving as it did from here to {@code later}, {@code frames} frames on. */
  Track towards(FaceBox later, int frames) {
    return new Track(
        box,
        (later.centerX() - box.centerX()) / frames,
        (later.centerY() - box.centerY()) / frames,
        true);
  }

  /** The box moved on by its velocity for {@code frames} frames (where it is when not moving). */
  FaceBox ahead(int frames) {
    return new FaceBox(
        box.x() + dx * frames, box.y() + dy * frames, box.width(), box.height(), box.confidence());
  }

  /**
   * Where the face may be {@code frames} frames on: from where it was to where its velocity takes
   * it, so a face that stopped or slowed down is covered too.
   */
  FaceBox reach(int frames) {
    FaceBox ahead = ahead(frames);
    double left = Math.min(box.x(), ahead.x());
    double top = Math.min(box.y(), ahead.y());
    double right = Math.max(box.x(), ahead.x()) + box.width();
    double bottom = Math.max(box.y(), ahead.y()) + box.height();
    return new FaceBox(left, top, right - left, bottom - top, box.confidence());
  }
}
