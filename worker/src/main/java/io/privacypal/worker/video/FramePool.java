package io.privacypal.worker.video;

import io.privacypal.worker.opencv.OpenCvNative;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A fixed set of frame buffers for one job. The pipeline holds a few keyframe windows of frames at
 * most, so memory is bounded by the windows, never by the video's length. Not thread-safe: one
 * job's loop owns it.
 */
public final class FramePool implements AutoCloseable {
  private final int width;
  private final int height;
  private final int capacity;
  private final List<Frame> all = new ArrayList<>();
  private final Deque<Frame> free = new ArrayDeque<>();

  public FramePool(int width, int height, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a frame pool needs at least one frame");
    }
    OpenCvNative.load();
    this.width = width;
    this.height = height;
    this.capacity = capacity;
  }

  /** A free frame; allocates only while fewer than {@code capacity} exist. */
  public Frame acquire() {
    Frame frame = free.pollFirst();
    if (frame != null) {
      return frame;
    }
    if (all.size() >= capacity) {
      throw new IllegalStateException(
          "all " + capacity + " frames are in use; a frame was not released");
    }
    frame = new Frame(width, height);
    all.add(frame);
    return frame;
  }

  public void release(Frame frame) {
    free.addFirst(frame);
  }

  /** How many frames were ever allocated (never more than the capacity). */
  public int allocated() {
    return all.size();
  }

  public int inUse() {
    return all.size() - free.size();
  }

  @Override
  public void close() {
    all.forEach(Frame::release);
    all.clear();
    free.clear();
  }
}
