package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.LabelledFaces;
import io.privacypal.worker.testing.RawFrames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A head in profile (the woman on the left of sample2.jpg, looking left) is covered to the back of
 * the head: ear, hair and jaw, which a face box grown 1.3x left sharp. The photo is laid out at
 * half size on a 1280x720 clip; the checked spots are where the test put them (labelled by hand on
 * the photo), not where the detector answered. The mirrored photo checks a head looking right.
 */
class TurnedHeadCoverTest {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;
  private static final int PHOTO_X = 160;
  private static final int PHOTO_Y = 18;
  private static final int PHOTO_WIDTH = 1920;

  /** What FILL writes (video-range black) reads as grey 0 once ffmpeg decodes it to grey. */
  private static final int FILL = 0;

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
  void aHeadInProfileLookingLeftIsCoveredToTheEarHairAndJaw() throws Exception {
    assertCovered(false, MaskShape.BOX);
  }

  @Test
  void aHeadInProfileLookingRightIsCoveredToTheEarHairAndJaw() throws Exception {
    assertCovered(true, MaskShape.BOX);
  }

  @Test
  void anEllipseMaskFollowsTheSameHead() throws Exception {
    assertCovered(false, MaskShape.ELLIPSE);
  }

  private void assertCovered(boolean mirrored, MaskShape mask) throws Exception {
    Path in = dir.resolve("profile.mp4");
    RawFrames.stillClip(
        FacePhotos.sample(2),
        (mirrored ? "hflip," : "") + "scale=960:-2[p]",
        PHOTO_X,
        PHOTO_Y,
        WIDTH,
        HEIGHT,
        in);
    Path out = dir.resolve("out.mp4");
    JobOptions options =
        new JobOptions(
            true, List.of(), BlurMode.FILL, mask, 0.3, JobOptions.DEFAULT_BOX_SCALE, null);
    JobStats stats =
        new AnonymizePipeline(detector, settings)
            .process(new PipelineRequest(in, out, options), (f, s) -> {}, new Cancellation());

    List<byte[]> before = RawFrames.gray(in, WIDTH, HEIGHT);
    List<byte[]> after = RawFrames.gray(out, WIDTH, HEIGHT);
    assertThat(after).hasSameSizeAs(before);
    for (LabelledFaces.Spot spot : LabelledFaces.SAMPLE2_PROFILE) {
      int x = PHOTO_X + (mirrored ? PHOTO_WIDTH - spot.x() : spot.x()) / 2;
      int y = PHOTO_Y + spot.y() / 2;
      // The spot shows something other than the fill to begin with, so covering it is a change.
      assertThat(distanceFromFill(before.get(0), x, y))
          .as("%s before", spot.name())
          .isGreaterThan(12);
      for (int n = 0; n < after.size(); n++) {
        assertThat(distanceFromFill(after.get(n), x, y))
            .as("%s at (%d, %d) in frame %d", spot.name(), x, y, n)
            .isLessThan(6);
      }
    }
    assertThat(stats.detector()).isEqualTo("local");
    assertThat(stats.model()).contains("face_detection_full_range.tflite");
  }

  /** Mean distance from the fill's grey of a 9x9 patch around (x, y). */
  private static double distanceFromFill(byte[] grey, int x, int y) {
    double sum = 0;
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        sum += Math.abs((grey[(y + dy) * WIDTH + x + dx] & 0xff) - FILL);
      }
    }
    return sum / 81;
  }
}
