package io.privacypal.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.bench.leak.Shot.Region;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.FacePhotos;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The generator's ground truth through real photos and the local detector: the true box of a
 * composed head holds the face the detector finds there, and the faceless backdrops hold none.
 */
class ClipRendererTest {
  private static OpenCvFaceDetector detector;
  private static ClipRenderer renderer;

  @BeforeAll
  static void setUp() throws Exception {
    FacePhotos.all(); // skips the class, with a message, where npm cannot fetch them
    detector = new OpenCvFaceDetector();
    renderer = new ClipRenderer(Path.of("ffmpeg"), LeakPhotos.fetch());
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  @Test
  void aComposedHeadsTrueBoxHoldsTheFaceFoundThere() throws Exception {
    for (Actor actor :
        List.of(
            new Actor("frontal", 3, 2, false, Motion.still(0, 1, 400, 330, 220)),
            new Actor("tilted-mirrored", 6, 4, true, pose(640, 300, 160, 20)),
            new Actor("small", 3, 1, false, Motion.still(0, 1, 900, 400, 90)))) {
      LeakClip clip =
          new LeakClip(
              "one",
              1280,
              720,
              2,
              0,
              List.of(
                  new Shot(
                      0,
                      2,
                      4,
                      LeakClips.FLOOR,
                      Motion.still(0, 1, 900, 400, 1400),
                      List.of(actor))));
      Mat frame = new Mat(720, 1280, CvType.CV_8UC3);
      List<TrueFace> truth =
          renderer.compose(clip, 0, frame, new byte[1280 * 720 * 3], new byte[1280 * 720]);

      List<FaceBox> found = confident(detector.detect(TestFrames.keyframe(frame)));

      assertThat(truth)
          .singleElement()
          .satisfies(face -> assertThat(face.visible()).isGreaterThan(0.8));
      FaceBox head = truth.get(0).box();
      assertThat(found).as(actor.id()).isNotEmpty();
      for (FaceBox face : found) {
        assertThat(head.x()).as(actor.id()).isLessThan(face.centerX());
        assertThat(head.x() + head.width()).as(actor.id()).isGreaterThan(face.centerX());
        assertThat(head.y()).as(actor.id()).isLessThan(face.centerY());
        assertThat(head.y() + head.height()).as(actor.id()).isGreaterThan(face.centerY());
        // The detector answers the whole head (hair and the back of the head too), which holds
        // nearly all of the true box (hairline to chin) and is at most a few times its size.
        double intersection = face.iou(head) * (face.area() + head.area()) / (1 + face.iou(head));
        assertThat(intersection / head.area())
            .as(actor.id() + ": share of the true box covered")
            .isGreaterThan(0.85);
        assertThat(face.area() / head.area())
            .as(actor.id() + ": found head against true box")
            .isLessThan(4);
      }
    }
  }

  @Test
  void theFacelessBackdropsShowNoFace() throws Exception {
    int[] photos = {2, 4, 6, 1};
    List<Region> regions =
        List.of(LeakClips.SOFA, LeakClips.FLOOR, LeakClips.BLINDS, LeakClips.LAPS);
    for (int i = 0; i < photos.length; i++) {
      for (double view : new double[] {700, 1900}) {
        LeakClip clip =
            new LeakClip(
                "backdrop",
                1280,
                720,
                2,
                0,
                List.of(
                    new Shot(
                        0,
                        2,
                        photos[i],
                        regions.get(i),
                        Motion.still(0, 1, 960, 400, view),
                        List.of())));
        Mat frame = new Mat(720, 1280, CvType.CV_8UC3);

        List<TrueFace> truth =
            renderer.compose(clip, 0, frame, new byte[1280 * 720 * 3], new byte[1280 * 720]);

        assertThat(truth).isEmpty();
        assertThat(confident(detector.detect(TestFrames.keyframe(frame))))
            .as("photo %d region %s", photos[i], regions.get(i))
            .isEmpty();
      }
    }
  }

  /**
   * The detector's surer answers: it scores the composed faces 0.85-0.9, and knees and hands of the
   * backdrops up to about 0.47 (its threshold is low on purpose: a missed face leaks).
   */
  private static List<FaceBox> confident(List<FaceBox> faces) {
    return faces.stream().filter(face -> face.confidence() >= 0.6).toList();
  }

  private static Motion pose(double x, double y, double size, double angle) {
    return Motion.from(0, x, y, size, angle).to(1, x, y, size, angle).build();
  }
}
