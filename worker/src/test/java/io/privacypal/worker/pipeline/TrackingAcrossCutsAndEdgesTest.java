package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.OutputCheck;
import io.privacypal.worker.testing.PlacedFaceDetector;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tracking leaks, apart from detection misses: the detector answers the true face boxes at every
 * keyframe ({@link PlacedFaceDetector}), so a face left uncovered between keyframes is the
 * tracker's.
 */
class TrackingAcrossCutsAndEdgesTest {
  /** A cover must change the middle of a face by this much on average (grey levels). */
  private static final double FACE_CHANGED = 25;

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

  private static JobOptions fill(double keyframeSeconds) {
    return new JobOptions(
        true, List.of(), BlurMode.FILL, MaskShape.BOX, keyframeSeconds, 1.3, null);
  }

  /** Anonymizes with the true boxes; returns the weakest face change per frame (-1: none shown). */
  private double[] weakestFaceChange(TestVideo video, double keyframeSeconds) throws Exception {
    OutputCheck check = new OutputCheck(video);
    Path out = dir.resolve("out-" + video.file().getFileName());
    new AnonymizePipeline(new PlacedFaceDetector(video, check), settings)
        .process(
            new PipelineRequest(video.file(), out, fill(keyframeSeconds)),
            ProgressListener.NONE,
            new Cancellation());
    return check.weakestFaceChange(
        RawFrames.gray(video.file(), video.width(), video.height()),
        RawFrames.gray(out, video.width(), video.height()));
  }

  @Test
  void facesWalkingUpToASceneCutAreCoveredToItAndTheNextScenesFromItsFirstFrame() throws Exception {
    // Keyframes every 13 frames (0.5 s): 0, 13, then the cut at 25 forces one. The faces walk on
    // 6 px a frame for the 11 frames between, 66 px by the cut: held still they leaked there.
    TestVideo video =
        TestVideos.walkingIntoCut(dir, FacePhotos.sample(3), FacePhotos.sample(5), 25, 6);

    double[] weakest = weakestFaceChange(video, 0.5);

    for (int n = 0; n < weakest.length; n++) {
      assertThat(weakest[n]).as("weakest face change in frame %d", n).isGreaterThan(FACE_CHANGED);
    }
  }

  @ParameterizedTest(name = "{0}x{1} from x={2} at {3} px a frame")
  @CsvSource({"1280, 720, 880, -40, 36", "1920, 1080, 1100, 60, 24"})
  void facesLeavingThroughASideAtTopSpeedAreCoveredUntilTheyAreGone(
      int width, int height, int startX, int speed, int frames) throws Exception {
    TestVideo video =
        TestVideos.fastExit(dir, FacePhotos.sample(3), width, height, startX, speed, frames);

    double[] weakest = weakestFaceChange(video, 0.3);

    int shown = 0;
    for (int n = 0; n < weakest.length; n++) {
      if (weakest[n] >= 0) {
        shown++;
        assertThat(weakest[n]).as("weakest face change in frame %d", n).isGreaterThan(FACE_CHANGED);
      }
    }
    assertThat(shown).isGreaterThan(frames / 3);
  }
}
