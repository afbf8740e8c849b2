package io.privacypal.worker.track;

import io.privacypal.worker.opencv.OpenCvNative;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Spots hard cuts cheaply: the mean absolute difference between consecutive Y planes shrunk to a
 * thumbnail. A cut forces a keyframe, so faces are never interpolated across two scenes.
 */
final class SceneCutDetector implements AutoCloseable {
  private static final Size THUMBNAIL = new Size(64, 36);

  /** Mean grey-level change (0-255) above which consecutive frames are different scenes. */
  static final double CUT_THRESHOLD = 30;

  private Mat previous = new Mat();
  private Mat current = new Mat();
  private final Mat difference = new Mat();
  private double lastDifference;

  SceneCutDetector() {
    OpenCvNative.load();
  }

  /** Compares this frame's Y plane with the one before; the first frame is never a cut. */
  boolean isCut(Mat luma) {
    Imgproc.resize(luma, current, THUMBNAIL, 0, 0, Imgproc.INTER_AREA);
    boolean cut = false;
    if (!previous.empty()) {
      Core.absdiff(current, previous, difference);
      lastDifference = Core.mean(difference).val[0];
      cut = lastDifference > CUT_THRESHOLD;
    }
    Mat swap = previous;
    previous = current;
    current = swap;
    return cut;
  }

  /** The change measured by the last {@link #isCut} call, for tests and logs. */
  double lastDifference() {
    return lastDifference;
  }

  @Override
  public void close() {
    previous.release();
    current.release();
    difference.release();
  }
}
