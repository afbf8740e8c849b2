package io.privacypal.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

/** Over-blur on a real photo: only changes outside the grown true boxes count. */
class OverBlurMeterTest {
  private static Mat photo;
  private static List<TrueFace> faces;

  @BeforeAll
  static void loadPhoto() {
    OpenCvNative.load();
    photo = Imgcodecs.imread(FacePhotos.sample(6).toString(), Imgcodecs.IMREAD_GRAYSCALE);
    faces = HeadLabels.heads(6).stream().map(box -> new TrueFace("head", box, 1)).toList();
  }

  @Test
  void coveringTheGrownBoxesIsNoOverBlur() {
    Mat output = photo.clone();
    for (TrueFace face : faces) {
      TestFrames.pixelate(output, TestFrames.rect(face.box().scaled(1.4)), 8);
    }

    assertThat(share(output)).isZero();
  }

  @Test
  void aCoverReachingOutsideTheGrownBoxesCountsWhatItChangedThere() {
    Mat output = photo.clone();
    // The window blinds at the top left, far from every head: 300x150 px of stripes.
    Rect elsewhere = new Rect(0, 0, 300, 150);
    TestFrames.pixelate(output, elsewhere, 4);
    double outsidePixels = photo.total() - grownBoxesArea();

    double regionShare = elsewhere.area() / outsidePixels;

    // Flat parts of the stripes stay as they were after a mosaic: not every pixel there changed.
    assertThat(share(output)).isBetween(0.2 * regionShare, 1.05 * regionShare);
  }

  @Test
  void noiseLikeAnEncodersIsNoChange() {
    Mat noise = new Mat(photo.size(), CvType.CV_16S);
    Core.randn(noise, 0, 3);
    Mat output = new Mat();
    Mat wide = new Mat();
    photo.convertTo(wide, CvType.CV_16S);
    Core.add(wide, noise, wide);
    wide.convertTo(output, CvType.CV_8U);

    assertThat(share(output)).isLessThan(0.0005);
  }

  private static double share(Mat output) {
    OverBlurMeter meter = new OverBlurMeter();
    meter.add(photo, output, faces);
    return meter.share();
  }

  private static double grownBoxesArea() {
    Mat mask = Mat.zeros(photo.size(), CvType.CV_8U);
    for (TrueFace face : faces) {
      FaceBox grown = face.box().scaled(1 + 2 * OverBlurMeter.GROWTH);
      int x0 = (int) Math.max(0, Math.round(grown.x()));
      int y0 = (int) Math.max(0, Math.round(grown.y()));
      int x1 = (int) Math.min(photo.cols(), Math.round(grown.x() + grown.width()));
      int y1 = (int) Math.min(photo.rows(), Math.round(grown.y() + grown.height()));
      mask.submat(new Rect(x0, y0, x1 - x0, y1 - y0)).setTo(new org.opencv.core.Scalar(1));
    }
    return Core.countNonZero(mask);
  }
}
