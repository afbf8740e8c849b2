package io.privacypal.worker.opencv;

import io.privacypal.common.detect.KeyframeImage;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** A detector's view of a keyframe as an OpenCV Mat; the caller releases it. */
public final class I420Mats {
  private I420Mats() {}

  /** The grey image: the Y plane. */
  public static Mat luma(KeyframeImage image) {
    return rows(image, image.height());
  }

  /**
   * The whole I420 frame as one 8-bit Mat of {@code height * 3 / 2} rows, for colour conversion.
   */
  public static Mat frame(KeyframeImage image) {
    return rows(image, image.height() * 3 / 2);
  }

  /**
   * The first {@code rows} rows of the buffer, without a copy when the buffer is direct (frames
   * from the decoder always are); the caller's buffer position is left as it was.
   */
  private static Mat rows(KeyframeImage image, int rows) {
    int size = image.width() * rows;
    ByteBuffer source = image.i420().duplicate();
    if (source.isDirect()) {
      ByteBuffer bytes = source.limit(source.position() + size).slice();
      return new Mat(rows, image.width(), CvType.CV_8UC1, bytes);
    }
    byte[] copy = new byte[size];
    source.get(copy);
    Mat mat = new Mat(rows, image.width(), CvType.CV_8UC1);
    mat.put(0, 0, copy);
    return mat;
  }
}
