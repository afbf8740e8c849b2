package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.LabelledFaces;
import io.privacypal.worker.testing.RawFrames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the job's boxScale enlarges the local detector's head boxes, through the pipeline: the four
 * frontal heads of sample6.jpg, laid out at half size on a 1280x720 clip and filled, are covered
 * whole at the default, and their head boxes are enlarged only by the margin the default adds to
 * their faces, not 1.3x as face boxes are; a larger boxScale still covers more. Heights only: side
 * by side, neighbouring covers meet.
 */
class HeadCoverScaleTest {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;
  private static final int PHOTO_X = 160;

  /**
   * How much taller than the head box itself (boxScale 1) a cover may be at boxScale 2: enlarging
   * the face by 2 adds its side, 0.7 of the head box's (1.7x); enlarged 2x as a face box, the head
   * box doubled. At the default 1.3 the cover is 1.21x the head box, give or take the rounding.
   */
  private static final double MOST_OVER_HEAD_BOX_AT_2 = 1.92;

  /** What FILL writes (video-range black) reads as grey 0 once ffmpeg decodes it to grey. */
  private static final int FILLED_UP_TO = 4;

  private static OpenCvFaceDetector detector;
  private static PipelineSettings settings;

  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    detector = new OpenCvFaceDetector();
    settings = PipelineSettings.from(ConfigSource.of(Map.of()));
  }

  @AfterAll
  static void tearDown() {
    detector.close();
  }

  @Test
  void theDefaultBoxScaleCoversWholeHeadsEnlargedByTheMarginItGivesTheirFaces() throws Exception {
    Path in = clip();
    List<Reach> headBoxes = reaches(in, 1.0);
    List<Reach> standard = reaches(in, JobOptions.DEFAULT_BOX_SCALE);
    List<Reach> larger = reaches(in, 2.0);
    for (int i = 0; i < standard.size(); i++) {
      Reach reach = standard.get(i);
      FaceBox head = reach.head();
      assertThat((double) reach.left())
          .as("left of %s", head)
          .isGreaterThanOrEqualTo(head.width() / 2);
      assertThat((double) reach.right())
          .as("right of %s", head)
          .isGreaterThanOrEqualTo(head.width() / 2);
      assertThat((double) reach.up())
          .as("above %s", head)
          .isGreaterThanOrEqualTo(head.height() / 2);
      assertThat((double) reach.down())
          .as("below %s", head)
          .isGreaterThanOrEqualTo(head.height() / 2);
      double headBox = headBoxes.get(i).tall();
      System.out.printf(
          "%s: %.2fx the head box at the default, %.2fx at 2%n",
          head, reach.tall() / headBox, larger.get(i).tall() / headBox);
      assertThat(reach.tall() / headBox)
          .as("default over the head box, %s", head)
          .isBetween(1.1, 1.3);
      assertThat(larger.get(i).tall() / headBox)
          .as("2 over the head box, %s", head)
          .isGreaterThan(1.5)
          .isLessThanOrEqualTo(MOST_OVER_HEAD_BOX_AT_2);
    }
  }

  /** How far the fill reaches from a true head's centre, in clip pixels. */
  private record Reach(FaceBox head, int left, int right, int up, int down) {
    int tall() {
      return up + down;
    }
  }

  private Path clip() throws Exception {
    Path in = dir.resolve("heads.mp4");
    RawFrames.stillClip(FacePhotos.sample(6), "scale=960:-2[p]", PHOTO_X, 0, WIDTH, HEIGHT, in);
    return in;
  }

  private List<Reach> reaches(Path in, double boxScale) throws Exception {
    Path out = dir.resolve("out-" + boxScale + ".mp4");
    JobOptions options =
        new JobOptions(true, List.of(), BlurMode.FILL, MaskShape.BOX, 0.3, boxScale, null);
    new AnonymizePipeline(detector, settings)
        .process(new PipelineRequest(in, out, options), (f, s) -> {}, new Cancellation());
    List<byte[]> frames = RawFrames.gray(out, WIDTH, HEIGHT);
    byte[] grey = frames.get(frames.size() / 2);
    List<Reach> reaches = new ArrayList<>();
    for (FaceBox labelled : LabelledFaces.SAMPLE6_HEADS) {
      FaceBox head =
          new FaceBox(
              PHOTO_X + labelled.x() / 2,
              labelled.y() / 2,
              labelled.width() / 2,
              labelled.height() / 2,
              1);
      int x = (int) head.centerX();
      int y = (int) head.centerY();
      reaches.add(
          new Reach(
              head,
              filled(grey, x, y, -1, 0),
              filled(grey, x, y, 1, 0),
              filled(grey, x, y, 0, -1),
              filled(grey, x, y, 0, 1)));
    }
    return reaches;
  }

  /** How many filled pixels run from (x, y) in direction (dx, dy) before the picture shows. */
  private static int filled(byte[] grey, int x, int y, int dx, int dy) {
    int steps = 0;
    while (true) {
      int nx = x + (steps + 1) * dx;
      int ny = y + (steps + 1) * dy;
      if (nx < 0 || ny < 0 || nx >= WIDTH || ny >= HEIGHT) {
        return steps;
      }
      if ((grey[ny * WIDTH + nx] & 0xff) > FILLED_UP_TO) {
        return steps;
      }
      steps++;
    }
  }
}
