package io.privacypal.worker.detect.rekognition;

import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.opencv.I420Mats;
import io.privacypal.worker.opencv.OpenCvNative;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an I420 keyframe into a JPEG no larger than a byte limit (Rekognition takes at most 5 MB of
 * image bytes): first at the configured quality, then at lower qualities, then downscaled. Box
 * ratios do not depend on the uploaded size, so a downscaled upload still maps onto the original
 * frame. Thread-safe: it holds no mutable state.
 */
final class JpegFrameEncoder {
  /**
   * Rekognition's limit for image bytes passed in the request is documented as "5 MB"; decimal
   * megabytes is the reading that can never be rejected with ImageTooLargeException.
   */
  static final int REKOGNITION_MAX_IMAGE_BYTES = 5_000_000;

  private static final Logger log = LoggerFactory.getLogger(JpegFrameEncoder.class);

  /** Below this, JPEG artefacts start hiding small faces; downscaling is the better trade. */
  private static final int MIN_QUALITY = 60;

  private static final int QUALITY_STEP = 10;
  private static final int MIN_SIDE = 32;

  private final int quality;
  private final int maxBytes;

  JpegFrameEncoder(int quality, int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("byte limit must be positive: " + maxBytes);
    }
    this.quality = quality;
    this.maxBytes = maxBytes;
    OpenCvNative.load();
  }

  EncodedFrame encode(KeyframeImage image) {
    Mat yuv = I420Mats.frame(image);
    Mat bgr = new Mat();
    Mat scaled = new Mat();
    try {
      Imgproc.cvtColor(yuv, bgr, Imgproc.COLOR_YUV2BGR_I420);
      int q = quality;
      byte[] jpeg = jpeg(bgr, q);
      while (jpeg.length > maxBytes && q > MIN_QUALITY) {
        // Going from 90 to 60 roughly halves a JPEG: when far over, skip the steps between.
        q = jpeg.length > 2L * maxBytes ? MIN_QUALITY : Math.max(MIN_QUALITY, q - QUALITY_STEP);
        jpeg = jpeg(bgr, q);
      }
      int width = bgr.cols();
      int height = bgr.rows();
      while (jpeg.length > maxBytes) {
        // JPEG size grows about with the pixel count; aim a little under the limit.
        double factor = Math.min(0.9, Math.sqrt((double) maxBytes / jpeg.length) * 0.95);
        width = (int) Math.round(width * factor);
        height = (int) Math.round(height * factor);
        if (width < MIN_SIDE || height < MIN_SIDE) {
          throw new IllegalStateException(
              "cannot fit a "
                  + image.width()
                  + "x"
                  + image.height()
                  + " frame in "
                  + maxBytes
                  + " bytes");
        }
        Imgproc.resize(bgr, scaled, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
        jpeg = jpeg(scaled, q);
      }
      if (q != quality || width != bgr.cols()) {
        log.debug(
            "keyframe {}x{} sent as {}x{} at quality {} ({} bytes) to fit {} bytes",
            image.width(),
            image.height(),
            width,
            height,
            q,
            jpeg.length,
            maxBytes);
      }
      return new EncodedFrame(jpeg, width, height, q);
    } finally {
      yuv.release();
      bgr.release();
      scaled.release();
    }
  }

  private static byte[] jpeg(Mat bgr, int quality) {
    MatOfByte out = new MatOfByte();
    MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
    try {
      if (!Imgcodecs.imencode(".jpg", bgr, out, params)) {
        throw new IllegalStateException("OpenCV could not encode a JPEG");
      }
      return out.toArray();
    } finally {
      out.release();
      params.release();
    }
  }
}
