package io.privacypal.worker.track;

import io.privacypal.worker.video.Frame;

/**
 * Decides which frames are sent to the detector: every {@code interval} frames, and the first frame
 * of every scene (a hard cut), so that a window of frames between two keyframes never spans two
 * scenes and a face first seen after a cut is known from the cut's first frame.
 */
public final class KeyframeSchedule implements AutoCloseable {
  /** What a frame is to tracking. */
  public enum Kind {
    BETWEEN,
    KEYFRAME,
    CUT;

    public boolean isKeyframe() {
      return this != BETWEEN;
    }
  }

  private final int interval;
  private final SceneCutDetector cuts = new SceneCutDetector();
  private long lastKeyframe = -1;

  /**
   * @param interval frames from one regular keyframe to the next (at least 1)
   */
  public KeyframeSchedule(int interval) {
    if (interval < 1) {
      throw new IllegalArgumentException("keyframes need an interval of at least one frame");
    }
    this.interval = interval;
  }

  /** Classifies the next decoded frame; frames must come in order. */
  public Kind next(Frame frame) {
    boolean cut = cuts.isCut(frame.y());
    if (lastKeyframe >= 0 && !cut && frame.index() - lastKeyframe < interval) {
      return Kind.BETWEEN;
    }
    lastKeyframe = frame.index();
    return cut ? Kind.CUT : Kind.KEYFRAME;
  }

  @Override
  public void close() {
    cuts.close();
  }
}
