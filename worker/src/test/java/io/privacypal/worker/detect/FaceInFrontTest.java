package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobOptions;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.LabelledFaces;
import io.privacypal.worker.testing.RawFrames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A small face over a large head (someone walking past a large photo of a face, as on the leak
 * benchmark's long-1080p, or a photo held up) is a face of its own: the large head keeps its own
 * cover down to its chin. Joined as one face, their heads were averaged towards the small one's,
 * which left the large head's mouth and chin bare.
 */
class FaceInFrontTest {
  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1080;

  /** sample1's middle face, tilted and looking down (the network is less sure of it). */
  private static final int PHOTO = 1;

  private static final int LARGE = 1;

  /** The small face's side in pixels, a third of the large one's. */
  private static final int SMALL_FACE = 80;

  @TempDir Path dir;

  @Test
  void aSmallFaceInsideALargeHeadsFaceKeepsTheLargeHeadCoveredToItsChin() throws Exception {
    OpenCvNative.load();
    Mat photo = Imgcodecs.imread(FacePhotos.sample(PHOTO).toString());
    Mat frame = photo.submat(new Rect(0, 0, WIDTH, HEIGHT)).clone();
    Mat other = Imgcodecs.imread(FacePhotos.sample(6).toString());
    // A face of another photo, shrunk, laid over the upper right of a large face looking down.
    LabelledFaces.Face source = LabelledFaces.of(FacePhotos.sample(6)).faces().get(3);
    int crop = (int) (1.6 * source.size());
    Mat small = new Mat();
    Imgproc.resize(
        other.submat(
            new Rect((int) source.cx() - crop / 2, (int) source.cy() - crop / 2, crop, crop)),
        small,
        new Size(),
        SMALL_FACE / source.size(),
        SMALL_FACE / source.size(),
        Imgproc.INTER_AREA);
    LabelledFaces.Face large = LabelledFaces.of(FacePhotos.sample(PHOTO)).faces().get(LARGE);
    int smallX = (int) (large.cx() + 0.1 * large.size()) - small.cols() / 2;
    int smallY = (int) (large.cy() - 0.15 * large.size()) - small.rows() / 2;
    small.copyTo(frame.submat(new Rect(smallX, smallY, small.cols(), small.rows())));
    Path composed = dir.resolve("in-front.png");
    Imgcodecs.imwrite(composed.toString(), frame);

    List<PixelBox> covers;
    try (OpenCvFaceDetector detector = new OpenCvFaceDetector(FaceModelFiles.blazeFace())) {
      double scale = PixelBox.scaleFor(JobOptions.DEFAULT_BOX_SCALE, detector.faceShare());
      covers =
          detector.detect(RawFrames.i420(composed, WIDTH, HEIGHT)).stream()
              .flatMap(h -> PixelBox.cover(h, scale, WIDTH, HEIGHT).stream())
              .toList();
    }

    double chin = large.cy() + 0.45 * large.size();
    assertThat(
            covers.stream()
                .anyMatch(
                    c ->
                        contains(c, large.cx() - 0.25 * large.size(), chin)
                            && contains(c, large.cx(), chin)
                            && contains(c, large.cx() + 0.25 * large.size(), chin)))
        .as("the large head's chin line inside one cover of %s", covers)
        .isTrue();
    double smallCentreX = smallX + small.cols() / 2.0;
    double smallCentreY = smallY + small.rows() / 2.0;
    assertThat(covers.stream().anyMatch(c -> contains(c, smallCentreX, smallCentreY)))
        .as("the small face covered")
        .isTrue();
  }

  private static boolean contains(PixelBox c, double x, double y) {
    return x >= c.x() && x <= c.x() + c.width() && y >= c.y() && y <= c.y() + c.height();
  }
}
