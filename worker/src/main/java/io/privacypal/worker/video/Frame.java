package io.privacypal.worker.video;

import io.privacypal.common.detect.KeyframeImage;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * One decoded I420 frame in a direct buffer, with its Y, U and V planes as OpenCV Mats that share
 * the buffer's memory (no copies). Frames come from a {@link FramePool} and go back to it.
 */
public final class Frame {
  private final int width;
  private final int height;
  private final ByteBuffer buffer;
  private final Mat y;
  private final Mat u;
  private final Mat v;
  private long index;
  private double timeSeconds;

  Frame(int width, int height) {
    this.width = width;
    this.height = height;
    int lumaSize = width * height;
    int chromaSize = lumaSize / 4;
    this.buffer = ByteBuffer.allocateDirect(lumaSize + 2 * chromaSize);
    this.y = new Mat(height, width, CvType.CV_8UC1, slice(0, lumaSize));
    this.u = new Mat(height / 2, width / 2, CvType.CV_8UC1, slice(lumaSize, chromaSize));
    this.v =
        new Mat(height / 2, width / 2, CvType.CV_8UC1, slice(lumaSize + chromaSize, chromaSize));
  }

  private ByteBuffer slice(int offset, int length) {
    return buffer.duplicate().position(offset).limit(offset + length).slice();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The whole I420 frame; position 0, limit the frame size. */
  public ByteBuffer buffer() {
    return buffer.duplicate().clear();
  }

  ByteBuffer rawBuffer() {
    return buffer;
  }

  public Mat y() {
    return y;
  }

  public Mat u() {
    return u;
  }

  public Mat v() {
    return v;
  }

  public long index() {
    return index;
  }

  public double timeSeconds() {
    return timeSeconds;
  }

  void stamp(long frameIndex, double seconds) {
    this.index = frameIndex;
    this.timeSeconds = seconds;
  }

  /** The frame as the detector port sees it; valid only while this frame is not reused. */
  public KeyframeImage asKeyframe() {
    return new KeyframeImage(width, height, buffer(), timeSeconds);
  }

  /** Frees the native Mat headers; the buffer itself is freed by the GC. */
  void release() {
    y.release();
    u.release();
    v.release();
  }
}
