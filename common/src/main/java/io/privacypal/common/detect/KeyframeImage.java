package io.privacypal.common.detect;

import java.nio.ByteBuffer;

/**
 * A decoded frame handed to a detector, as planar YUV 4:2:0 (I420): the Y plane ({@code width *
 * height} bytes) then U and V ({@code width/2 * height/2} each). The Y plane is the grey image a
 * local detector needs with no conversion; a detector that needs colour converts only the frames it
 * sees. The buffer is only valid during the {@link FaceDetector#detect} call.
 */
public record KeyframeImage(int width, int height, ByteBuffer i420, double timestampSeconds) {
  public KeyframeImage {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "I420 frames need even, positive sizes: " + width + "x" + height);
    }
    if (i420.remaining() < width * height * 3 / 2) {
      throw new IllegalArgumentException("buffer smaller than one I420 frame");
    }
  }
}
