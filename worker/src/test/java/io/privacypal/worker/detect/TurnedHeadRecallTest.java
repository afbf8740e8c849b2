package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.LabelledFaces;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Recall of the local detector on the hand-labelled heads of the test photos (frontal, turned up to
 * a profile, bowed), each placed at the centre of a 1280x720 keyframe at face sizes of 24 to 300 px
 * and tilted by up to 30° either way, over the rest of its photo. A head counts as found when a box
 * covers its labelled centre. Prints a table by size and tilt (see the surefire report).
 */
class TurnedHeadRecallTest {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;
  private static final int[] SIZES = {24, 32, 48, 96, 192, 300};
  private static final int[] TILTS = {-30, 0, 30};

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
  void findsNearlyEveryHeadTurnedOrTiltedFrom24To300Pixels() {
    Map<String, int[]> bySize = new TreeMap<>();
    Map<String, int[]> byTilt = new TreeMap<>();
    int found = 0;
    int total = 0;
    int largeFound = 0;
    int large = 0;
    long nanos = 0;
    StringBuilder misses = new StringBuilder();
    for (LabelledFaces.Photo photo : LabelledFaces.PHOTOS) {
      Mat bgr = Imgcodecs.imread(FacePhotos.sample(photo.number()).toString());
      try {
        for (int f = 0; f < photo.faces().size(); f++) {
          LabelledFaces.Face face = photo.faces().get(f);
          for (int size : SIZES) {
            for (int tilt : TILTS) {
              KeyframeImage frame = centred(bgr, face, size, tilt);
              long start = System.nanoTime();
              List<FaceBox> boxes = detector.detect(frame);
              nanos += System.nanoTime() - start;
              boolean hit = boxes.stream().anyMatch(TurnedHeadRecallTest::coversCentre);
              total++;
              found += hit ? 1 : 0;
              if (size >= 48) {
                large++;
                largeFound += hit ? 1 : 0;
              }
              count(bySize, String.format("%03d px", size), hit);
              count(byTilt, String.format("%+03d°", tilt), hit);
              if (!hit) {
                misses
                    .append(" sample")
                    .append(photo.number())
                    .append('#')
                    .append(f)
                    .append(' ')
                    .append(size)
                    .append("px ")
                    .append(tilt)
                    .append('°');
              }
            }
          }
        }
      } finally {
        bgr.release();
      }
    }
    System.out.printf(
        "turned and tilted heads: %d/%d found, %.0f ms per 1280x720 keyframe%n",
        found, total, nanos / 1e6 / total);
    bySize.forEach((k, v) -> System.out.println("  " + k + ": " + v[0] + "/" + v[1]));
    byTilt.forEach((k, v) -> System.out.println("  " + k + ": " + v[0] + "/" + v[1]));
    System.out.println("  missed:" + misses);
    assertThat((double) largeFound / large).isEqualTo(1.0);
    assertThat((double) found / total).isGreaterThanOrEqualTo(0.95);
  }

  private static void count(Map<String, int[]> counts, String key, boolean hit) {
    int[] c = counts.computeIfAbsent(key, k -> new int[2]);
    c[0] += hit ? 1 : 0;
    c[1]++;
  }

  private static boolean coversCentre(FaceBox box) {
    double cx = WIDTH / 2.0;
    double cy = HEIGHT / 2.0;
    return cx >= box.x()
        && cx <= box.x() + box.width()
        && cy >= box.y()
        && cy <= box.y() + box.height();
  }

  /**
   * The photo turned by {@code tilt} about the face and scaled to {@code size}, the face at the
   * centre.
   */
  static KeyframeImage centred(Mat bgr, LabelledFaces.Face face, int size, double tilt) {
    return placed(bgr, face, size, tilt, WIDTH, HEIGHT, new Point(WIDTH / 2.0, HEIGHT / 2.0), 0);
  }

  /**
   * A {@code width}x{@code height} keyframe of the photo turned by {@code tilt} about the face and
   * scaled to {@code size}, the face at {@code at}, with gaussian sensor noise of {@code noise}
   * grey levels (from a fixed seed).
   */
  static KeyframeImage placed(
      Mat bgr,
      LabelledFaces.Face face,
      int size,
      double tilt,
      int width,
      int height,
      Point at,
      double noise) {
    Mat m = Imgproc.getRotationMatrix2D(new Point(face.cx(), face.cy()), tilt, size / face.size());
    Mat placed = new Mat();
    Mat i420 = new Mat();
    try {
      m.put(0, 2, m.get(0, 2)[0] + at.x - face.cx());
      m.put(1, 2, m.get(1, 2)[0] + at.y - face.cy());
      Imgproc.warpAffine(
          bgr,
          placed,
          m,
          new Size(width, height),
          Imgproc.INTER_AREA,
          Core.BORDER_CONSTANT,
          new Scalar(112, 80, 48));
      if (noise > 0) {
        Mat grain = new Mat(placed.size(), CvType.CV_16SC3);
        Mat noisy = new Mat();
        try {
          Core.setRNGSeed(size * 1000 + (int) at.x);
          Core.randn(grain, 0, noise);
          placed.convertTo(noisy, CvType.CV_16SC3);
          Core.add(noisy, grain, noisy);
          noisy.convertTo(placed, CvType.CV_8UC3);
        } finally {
          grain.release();
          noisy.release();
        }
      }
      Imgproc.cvtColor(placed, i420, Imgproc.COLOR_BGR2YUV_I420);
      byte[] bytes = new byte[(int) (i420.total() * i420.channels())];
      i420.get(0, 0, bytes);
      ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
      buffer.put(bytes).flip();
      return new KeyframeImage(width, height, buffer, 0);
    } finally {
      m.release();
      placed.release();
      i420.release();
    }
  }
}
