package io.privacypal.worker.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of decoded frames one job may hold. A job holds {@code windows} keyframe windows of
 * frames (one tracked and held, those waiting for faces, one being decoded), so its memory grows
 * with frame rate x keyframe interval x frame size, all chosen by the uploader. Only an input whose
 * windows would not fit gets its keyframes closer together; every other keeps its interval.
 */
record FrameBudget(long bytes) {
  private static final Logger LOG = LoggerFactory.getLogger(FrameBudget.class);

  /** The keyframe interval, in frames, at most {@code wanted}, whose windows fit the budget. */
  int keyframeInterval(int wanted, int windows, int width, int height) {
    long frameBytes = (long) width * height * 3 / 2;
    long fitting = Math.max(1, bytes / frameBytes - 2) / windows;
    if (wanted <= fitting) {
      return wanted;
    }
    int interval = (int) Math.max(1, fitting);
    LOG.info(
        "keyframes every {} frames instead of {}: {} windows of {}x{} frames must fit in {} MB",
        interval,
        wanted,
        windows,
        width,
        height,
        bytes >> 20);
    return interval;
  }

  /**
   * The frames a pool needs for {@code windows} windows of {@code interval} frames, the frame being
   * read, and the keyframe the tracker handed back that waits for the next window to be written.
   */
  static int poolFrames(int interval, int windows) {
    return windows * interval + 2;
  }
}
