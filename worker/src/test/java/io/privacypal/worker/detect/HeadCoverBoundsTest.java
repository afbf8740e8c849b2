package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.job.JobOptions;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.LabelledFaces;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The covers the local detector's heads get (each head box grown for the default boxScale, {@link
 * PixelBox#scaleFor}, as the pipeline blurs it), on real photos shown whole (the bottom cut) in a
 * 1920x1080 keyframe, heads of 150-260 px: they reach every part of a head, a profile's ear and the
 * back of its head included, and stay close to it. The true heads are the leak benchmark's hand
 * labels (hairline to chin, ear to ear or nose tip to the visible ear), in pixels of the full-size
 * photo.
 */
class HeadCoverBoundsTest {
  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1080;

  /**
   * How much wider and taller than the true head a cover may be: these covers come to 1.3-2.4x
   * across and 1.6-1.9x down (the widest on heads labelled narrower than their ears); the heads
   * enlarged 1.3x as face boxes are came to 1.4-2.6x and 1.7-2.0x, the box-based heads before to
   * 1.7-3.3x across (2.5-2.8x on the profile and the turned heads) and 1.8-2.1x down. The over-blur
   * judge forgives the true box grown by a quarter on each side (1.5x).
   */
  private static final double MOST_ACROSS = 2.45;

  private static final double MOST_DOWN = 1.95;

  /**
   * sample2's woman on the left, in profile looking left: nose tip to the visible ear; its cover
   * must also reach {@link LabelledFaces#SAMPLE2_PROFILE}, the back of the head included.
   */
  private static final FaceBox PROFILE_HEAD = box(358, 118, 222, 296);

  /** sample4: four heads turned about 30°, two of them tilted. */
  private static final List<FaceBox> TURNED =
      List.of(
          box(270, 200, 150, 228),
          box(650, 72, 190, 230),
          box(988, 182, 222, 235),
          box(1275, 148, 170, 240));

  /** sample6: four frontal heads. */
  private static final List<FaceBox> FRONTAL = LabelledFaces.SAMPLE6_HEADS;

  private static OpenCvFaceDetector detector;

  @BeforeAll
  static void createDetector() {
    OpenCvNative.load();
    detector = new OpenCvFaceDetector(FaceModelFiles.blazeFace());
  }

  @AfterAll
  static void closeDetector() {
    if (detector != null) {
      detector.close();
    }
  }

  @Test
  void aProfileLookingLeftIsCoveredToTheEarAndTheBackOfTheHeadAndNoFurtherThanTheBound() {
    assertProfileCovered(false);
  }

  @Test
  void aProfileLookingRightIsCoveredToTheEarAndTheBackOfTheHeadAndNoFurtherThanTheBound() {
    assertProfileCovered(true);
  }

  @Test
  void headsTurnedAboutThirtyDegreesAreCoveredWholeAndNoFurtherThanTheBound() {
    assertCoveredWithinBound(4, TURNED);
  }

  @Test
  void frontalHeadsAreCoveredWholeAndNoFurtherThanTheBound() {
    assertCoveredWithinBound(6, FRONTAL);
  }

  private void assertProfileCovered(boolean mirrored) {
    int photoWidth = LabelledFaces.of(FacePhotos.sample(2)).width();
    List<PixelBox> covers = covers(2, mirrored);
    FaceBox head = mirrored ? mirrored(PROFILE_HEAD, photoWidth) : PROFILE_HEAD;
    PixelBox cover = coverOf(covers, head);
    for (LabelledFaces.Spot spot : LabelledFaces.SAMPLE2_PROFILE) {
      double x = mirrored ? photoWidth - spot.x() : spot.x();
      double y = spot.y();
      assertThat(contains(cover, x, y))
          .as("%s at (%.0f, %.0f) in %s", spot.name(), x, y, cover)
          .isTrue();
    }
    assertWithinBound(cover, head);
  }

  private void assertCoveredWithinBound(int photo, List<FaceBox> heads) {
    List<PixelBox> covers = covers(photo, false);
    for (FaceBox labelled : heads) {
      FaceBox head = labelled;
      PixelBox cover = coverOf(covers, head);
      assertThat(
              contains(cover, head.x(), head.y())
                  && contains(cover, head.x() + head.width(), head.y() + head.height()))
          .as("true head %s inside its cover %s", head, cover)
          .isTrue();
      assertWithinBound(cover, head);
    }
  }

  private static void assertWithinBound(PixelBox cover, FaceBox head) {
    System.out.printf(
        "cover %s over true head %.0fx%.0f: %.2fx across, %.2fx down%n",
        cover,
        head.width(),
        head.height(),
        cover.width() / head.width(),
        cover.height() / head.height());
    assertThat(cover.width() / head.width())
        .as("across, %s", cover)
        .isLessThanOrEqualTo(MOST_ACROSS);
    assertThat(cover.height() / head.height()).as("down, %s", cover).isLessThanOrEqualTo(MOST_DOWN);
  }

  /** The covers of the heads found in sample {@code photo}. */
  private static List<PixelBox> covers(int photo, boolean mirrored) {
    Mat bgr = Imgcodecs.imread(FacePhotos.sample(photo).toString());
    try {
      if (mirrored) {
        Core.flip(bgr, bgr, 1);
      }
      // Neither moved nor scaled: the photo's origin stays where it is.
      LabelledFaces.Face origin = new LabelledFaces.Face(0, 0, 1);
      double scale = PixelBox.scaleFor(JobOptions.DEFAULT_BOX_SCALE, detector.faceShare());
      List<FaceBox> heads =
          detector.detect(
              TurnedHeadRecallTest.placed(bgr, origin, 1, 0, WIDTH, HEIGHT, new Point(0, 0), 0));
      return heads.stream().flatMap(h -> PixelBox.cover(h, scale, WIDTH, HEIGHT).stream()).toList();
    } finally {
      bgr.release();
    }
  }

  /** The cover holding the true head's centre. */
  private static PixelBox coverOf(List<PixelBox> covers, FaceBox head) {
    return covers.stream()
        .filter(c -> contains(c, head.centerX(), head.centerY()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cover on the head at " + head + ": " + covers));
  }

  private static boolean contains(PixelBox c, double x, double y) {
    return x >= c.x() && x <= c.x() + c.width() && y >= c.y() && y <= c.y() + c.height();
  }

  private static FaceBox mirrored(FaceBox box, int photoWidth) {
    return new FaceBox(photoWidth - box.x() - box.width(), box.y(), box.width(), box.height(), 1);
  }

  private static FaceBox box(double x, double y, double width, double height) {
    return new FaceBox(x, y, width, height, 1);
  }
}
