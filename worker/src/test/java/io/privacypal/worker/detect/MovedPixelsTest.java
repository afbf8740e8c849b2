package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.privacypal.worker.opencv.I420Mats;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.RawFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * A camera panning over a photo of people (1280x720 windows of a larger picture, with sensor
 * noise): the shift is found, the picture it moved counts as unchanged, and what it brought into
 * view, a small patch that appears and a cut to another photo count as changed.
 */
class MovedPixelsTest {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;

  private static Mat picture;
  private static Mat otherPicture;

  @BeforeAll
  static void load() throws Exception {
    OpenCvNative.load();
    picture = I420Mats.luma(RawFrames.i420(FacePhotos.sample(3), 1600, 1000)).clone();
    otherPicture = I420Mats.luma(RawFrames.i420(FacePhotos.sample(5), 1600, 1000)).clone();
  }

  /** The camera's view with its top left corner at (x, y) of the picture, with noise. */
  static Mat view(Mat of, int x, int y, long seed) {
    Mat window = new Mat();
    of.submat(new Rect(x, y, WIDTH, HEIGHT)).convertTo(window, CvType.CV_16S);
    Mat noise = new Mat(window.size(), CvType.CV_16S);
    Core.setRNGSeed((int) seed);
    Core.randn(noise, 0, 3);
    Core.add(window, noise, window);
    Mat noisy = new Mat();
    window.convertTo(noisy, CvType.CV_8U);
    window.release();
    noise.release();
    return noisy;
  }

  @Test
  void aPanIsFoundAndOnlyWhatItBroughtIntoViewCountsAsChanged() {
    try (MovedPixels moved = new MovedPixels()) {
      assertThat(moved.next(view(picture, 100, 100, 1))).isFalse();
      assertThat(moved.changed(0, 0, WIDTH, HEIGHT)).as("nothing to compare with yet").isTrue();

      // The camera moves 60 px right and 30 px down: the picture moves left and up.
      assertThat(moved.next(view(picture, 160, 130, 2))).isTrue();
      Point shift = moved.moved(new Point(640, 360));
      shift.x -= 640;
      shift.y -= 360;
      assertThat(shift.x).isCloseTo(-60, within(4.0));
      assertThat(shift.y).isCloseTo(-30, within(4.0));
      assertThat(moved.changed(0, 0, WIDTH - 120, HEIGHT - 60)).isFalse();
      assertThat(moved.changed(WIDTH - 40, 0, 40, HEIGHT)).as("brought in on the right").isTrue();
      assertThat(moved.changed(0, HEIGHT - 20, WIDTH, 20)).as("brought in below").isTrue();
    }
  }

  @Test
  void aSmallPatchThatAppearsCountsAsChangedWhereItIsOnly() {
    try (MovedPixels moved = new MovedPixels()) {
      moved.next(view(picture, 100, 100, 1));
      Mat next = view(picture, 140, 100, 2);
      // A 24 px bright patch, the size of the smallest head to find, at (700, 300).
      next.submat(new Rect(700, 300, 24, 24)).setTo(new Scalar(250));
      moved.next(next);
      assertThat(moved.changed(600, 200, 200, 200)).isTrue();
      assertThat(moved.changed(0, 0, 600, HEIGHT - 40)).isFalse();
      assertThat(moved.changed(800, 0, 400, HEIGHT - 40)).isFalse();
    }
  }

  @Test
  void aCutChangesEverything() {
    try (MovedPixels moved = new MovedPixels()) {
      moved.next(view(picture, 100, 100, 1));
      moved.next(view(otherPicture, 100, 100, 2));
      int changed = 0;
      for (int y = 0; y < HEIGHT; y += 180) {
        for (int x = 0; x < WIDTH; x += 160) {
          changed += moved.changed(x, y, 160, 180) ? 1 : 0;
        }
      }
      assertThat(changed).isGreaterThanOrEqualTo(30);
    }
  }
}
