package io.privacypal.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The judge on a real photo's labelled head: untouched, re-encoded, blurred and partly covered. */
class LeakJudgeTest {
  private static Mat photo;
  private static FaceBox head;

  @BeforeAll
  static void loadPhoto() {
    OpenCvNative.load();
    photo = Imgcodecs.imread(FacePhotos.sample(3).toString(), Imgcodecs.IMREAD_GRAYSCALE);
    head = HeadLabels.heads(3).get(1); // frontal, 245x305 px
  }

  @Test
  void anUntouchedFaceLeaksInEveryCell() {
    LeakJudge.Verdict verdict = LeakJudge.judge(photo, photo.clone(), head);

    // One smooth cheek cell of the sixteen has too little detail to count.
    assertThat(verdict.informativeCells()).isGreaterThanOrEqualTo(15);
    assertThat(verdict.keptCells()).isEqualTo(verdict.informativeCells());
    assertThat(verdict.leaked()).isTrue();
  }

  @Test
  void aLossyCopyOfTheFaceStillLeaks() {
    MatOfByte jpeg = new MatOfByte();
    Imgcodecs.imencode(".jpg", photo, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 40));
    Mat copy = Imgcodecs.imdecode(jpeg, Imgcodecs.IMREAD_GRAYSCALE);

    assertThat(LeakJudge.judge(photo, copy, head).leaked()).isTrue();
  }

  @Test
  void aPixelatedOrBlurredFaceDoesNotLeak() {
    Mat pixelated = photo.clone();
    TestFrames.pixelate(pixelated, TestFrames.rect(head.scaled(1.3)), 8);
    Mat blurred = photo.clone();
    Mat roi = blurred.submat(TestFrames.rect(head.scaled(1.3)));
    Imgproc.GaussianBlur(roi, roi, new Size(0, 0), head.width() / 12);

    // A cell along a strong edge (hair against the background) may still correlate a little.
    for (Mat covered : new Mat[] {pixelated, blurred}) {
      assertThat(LeakJudge.judge(photo, covered, head).keptCells()).isLessThanOrEqualTo(1);
      assertThat(LeakJudge.judge(photo, covered, head).leaked()).isFalse();
    }
  }

  @Test
  void aFaceWithItsLeftHalfCoveredLeaks() {
    Mat half = photo.clone();
    Rect box = TestFrames.rect(head);
    TestFrames.pixelate(
        half, new Rect(box.x - 20, box.y - 20, box.width / 2 + 20, box.height + 40), 8);

    LeakJudge.Verdict verdict = LeakJudge.judge(photo, half, head);

    assertThat(verdict.keptCells()).isBetween(7, 9);
    assertThat(verdict.leaked()).isTrue();
  }

  @Test
  void aFaceLeaksWhenAQuarterOfItsInformativeCellsAreKept() {
    assertThat(new LeakJudge.Verdict(16, 4).leaked()).isTrue();
    assertThat(new LeakJudge.Verdict(16, 3).leaked()).isFalse();
    assertThat(new LeakJudge.Verdict(12, 3).leaked()).isTrue();
    assertThat(new LeakJudge.Verdict(0, 0).leaked()).isFalse();
  }

  @Test
  void theTopRowKeptLeaksButOneCornerDoesNot() {
    // A frame that is the head alone, 288 px square: the judge's cells are 72 px squares of it.
    Mat face = new Mat();
    Imgproc.resize(
        photo.submat(TestFrames.rect(head)), face, new Size(288, 288), 0, 0, Imgproc.INTER_AREA);
    FaceBox whole = new FaceBox(0, 0, 288, 288, 1);

    Mat topRowKept = face.clone();
    TestFrames.pixelate(topRowKept, new Rect(0, 72, 288, 216), 3);
    Mat cornerKept = topRowKept.clone();
    TestFrames.pixelate(cornerKept, new Rect(72, 0, 216, 72), 1);

    assertThat(LeakJudge.judge(face, face, whole).informativeCells()).isGreaterThanOrEqualTo(15);
    // The edge along a cover's border can keep a neighbouring cell too.
    assertThat(LeakJudge.judge(face, topRowKept, whole).keptCells()).isBetween(4, 5);
    assertThat(LeakJudge.judge(face, topRowKept, whole).leaked()).isTrue();
    assertThat(LeakJudge.judge(face, cornerKept, whole).keptCells()).isBetween(1, 2);
    assertThat(LeakJudge.judge(face, cornerKept, whole).leaked()).isFalse();
  }
}
