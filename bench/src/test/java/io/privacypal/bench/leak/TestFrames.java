package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.KeyframeImage;
import java.nio.ByteBuffer;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Frame helpers for the leak benchmark's tests: a mosaic like the pipeline's, I420 for detectors.
 */
final class TestFrames {
  private TestFrames() {}

  /** Pixelates {@code area} of a grey frame into {@code cells} cells across its shorter side. */
  static void pixelate(Mat grey, Rect area, int cells) {
    Mat roi = grey.submat(area);
    int cell = Math.max(2, Math.min(area.width, area.height) / cells);
    Mat small = new Mat();
    Imgproc.resize(
        roi,
        small,
        new Size(Math.max(1, area.width / cell), Math.max(1, area.height / cell)),
        0,
        0,
        Imgproc.INTER_AREA);
    Imgproc.resize(small, roi, roi.size(), 0, 0, Imgproc.INTER_NEAREST);
    small.release();
    roi.release();
  }

  static Rect rect(FaceBox box) {
    return new Rect(
        (int) Math.round(box.x()),
        (int) Math.round(box.y()),
        (int) Math.round(box.width()),
        (int) Math.round(box.height()));
  }

  /** A BGR frame as the I420 keyframe a detector is handed. */
  static KeyframeImage keyframe(Mat bgr) {
    Mat yuv = new Mat();
    Imgproc.cvtColor(bgr, yuv, Imgproc.COLOR_BGR2YUV_I420);
    byte[] bytes = new byte[(int) yuv.total()];
    yuv.get(0, 0, bytes);
    yuv.release();
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(bytes).flip();
    return new KeyframeImage(bgr.cols(), bgr.rows(), buffer, 0);
  }
}
