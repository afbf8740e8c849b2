package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.RawFrames;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenCvFaceDetectorTest extends FaceDetectorContract {
  private static OpenCvFaceDetector detector;

  @BeforeAll
  static void createDetector() {
    detector = new OpenCvFaceDetector();
  }

  @AfterAll
  static void closeDetector() {
    detector.close();
  }

  @Override
  protected FaceDetector detectorFor(List<FaceBox> faces, int width, int height) {
    return detector;
  }

  @Test
  void findsTheFacesInEachSamplePhoto() throws Exception {
    int[] expectedAtLeast = {1, 1, 3, 1, 3, 3};
    for (int i = 1; i <= 6; i++) {
      KeyframeImage image = RawFrames.i420(FacePhotos.sample(i), 1280, 854);
      List<FaceBox> faces = detector.detect(image);
      System.out.println("sample" + i + ": " + faces);
      assertThat(faces)
          .as("faces in sample%d", i)
          .hasSizeGreaterThanOrEqualTo(expectedAtLeast[i - 1]);
      for (FaceBox face : faces) {
        assertThat(face.x()).isGreaterThanOrEqualTo(0);
        assertThat(face.y()).isGreaterThanOrEqualTo(0);
        assertThat(face.x() + face.width()).isLessThanOrEqualTo(1280);
        assertThat(face.y() + face.height()).isLessThanOrEqualTo(854);
        // A face in a group photo is neither a speck nor most of the picture; a head is taller
        // than wide (the leak benchmark's labelled heads up to 1.7x, hairline to chin).
        assertThat(face.width()).isBetween(20.0, 640.0);
        assertThat(face.height() / face.width()).isBetween(0.7, 1.7);
      }
    }
  }

  @Test
  void findsNothingInABlankOrNoisyImage() {
    assertThat(detector.detect(filled(640, 360, null))).isEmpty();
    assertThat(detector.detect(filled(1280, 720, new Random(42)))).isEmpty();
  }

  @Test
  void cascadesFindNothingInABlankOrNoisyImage() {
    try (OpenCvFaceDetector cascades = OpenCvFaceDetector.cascades()) {
      assertThat(cascades.detect(filled(640, 360, null))).isEmpty();
      assertThat(cascades.detect(filled(1280, 720, new Random(42)))).isEmpty();
    }
  }

  @Test
  void detectorForOneVideoSearchesOnlyWhatChangedAndFindsFacesThatAppear() throws Exception {
    KeyframeImage blank = filled(1280, 720, null);
    // A group photo pasted into one corner: only the squares over it change.
    KeyframeImage corner = pasted(blank, RawFrames.i420(FacePhotos.sample(3), 480, 320), 780, 380);
    List<FaceBox> expected = detector.detect(corner);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2);

    try (FaceDetector video = detector.forVideo()) {
      assertThat(video).isNotSameAs(detector);
      assertThat(video.detect(blank)).isEmpty();
      assertThat(video.detect(blank)).isEmpty();
      assertThat(video.detect(corner)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(video.detect(corner)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(video.detect(blank)).isEmpty();
    }
  }

  /** {@code image} with {@code patch} laid over it at (x, y), both I420, x and y even. */
  private static KeyframeImage pasted(KeyframeImage image, KeyframeImage patch, int x, int y) {
    int w = image.width();
    int h = image.height();
    byte[] frame = new byte[w * h * 3 / 2];
    image.i420().duplicate().get(frame);
    byte[] small = new byte[patch.width() * patch.height() * 3 / 2];
    patch.i420().duplicate().get(small);
    int pw = patch.width();
    int ph = patch.height();
    for (int row = 0; row < ph; row++) {
      System.arraycopy(small, row * pw, frame, (y + row) * w + x, pw);
    }
    for (int plane = 0; plane < 2; plane++) {
      int from = pw * ph + plane * (pw / 2) * (ph / 2);
      int to = w * h + plane * (w / 2) * (h / 2);
      for (int row = 0; row < ph / 2; row++) {
        System.arraycopy(
            small, from + row * (pw / 2), frame, to + (y / 2 + row) * (w / 2) + x / 2, pw / 2);
      }
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(frame.length);
    buffer.put(frame).flip();
    return new KeyframeImage(w, h, buffer, 0);
  }

  private static KeyframeImage filled(int width, int height, Random noise) {
    int size = width * height * 3 / 2;
    ByteBuffer buffer = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < size; i++) {
      buffer.put((byte) (i < width * height && noise != null ? noise.nextInt(256) : 128));
    }
    buffer.flip();
    return new KeyframeImage(width, height, buffer, 0);
  }
}
