package io.privacypal.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.testing.FacePhotos;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small generated clip through ffmpeg, the judge and the pipeline with the ground-truth detector.
 */
class LeakBenchmarkTest {
  private static final LeakClip CLIP =
      new LeakClip(
          "tiny",
          640,
          360,
          25,
          3,
          List.of(
              new Shot(
                  0,
                  25,
                  3,
                  LeakClips.LAPS,
                  Motion.still(0, 24, 960, 300, 1400),
                  List.of(
                      new Actor(
                          "walker",
                          3,
                          2,
                          false,
                          Motion.from(0, 100, 180, 120, 0).to(24, 540, 190, 120, 10).build())))));

  @TempDir static Path work;
  private static LeakBenchmark bench;
  private static RenderedClip clip;

  @BeforeAll
  static void render() throws Exception {
    FacePhotos.all(); // skips the class, with a message, where npm cannot fetch the photos
    PipelineSettings settings = PipelineSettings.from(ConfigSource.of(Map.of()));
    bench = new LeakBenchmark(work, settings);
    clip =
        new ClipRenderer(settings.ffmpeg(), LeakPhotos.fetch())
            .render(CLIP, work.resolve("tiny.mp4"));
  }

  @Test
  void theTruthIsSavedBesideTheClipAndReadBack() throws Exception {
    RenderedClip again = RenderedClip.load(CLIP, clip.file());

    assertThat(again.truth()).hasSize(25);
    for (int n = 0; n < 25; n++) {
      assertThat(again.facesAt(n)).hasSize(1);
      FaceBox saved = again.facesAt(n).get(0).box();
      FaceBox made = clip.facesAt(n).get(0).box();
      assertThat(saved.x()).isCloseTo(made.x(), offset(0.01));
      assertThat(saved.height()).isCloseTo(made.height(), offset(0.01));
    }
  }

  @Test
  void theTruthDetectorAnswersTheBoxesOfTheFrameItIsSent() {
    ByteBuffer blank = ByteBuffer.allocateDirect(640 * 360 * 3 / 2);
    List<FaceBox> at12 =
        new TruthDetector(clip).detect(new KeyframeImage(640, 360, blank, 12.0 / LeakClip.FPS));

    assertThat(at12)
        .singleElement()
        .satisfies(
            face -> {
              assertThat(face.centerX())
                  .isCloseTo(clip.facesAt(12).get(0).box().centerX(), offset(0.01));
              assertThat(face.x()).isGreaterThanOrEqualTo(0);
            });
  }

  @Test
  void anUntouchedVideoLeaksEveryFaceFrameAndBlursNothing() throws Exception {
    LeakFigures figures = bench.judge(clip, clip.file(), "none", new JobStats(25, 0, 1, 1));

    assertThat(figures.faceFrames()).isEqualTo(25);
    assertThat(figures.leakedFaceFrames()).isEqualTo(25);
    assertThat(figures.longestRun()).isEqualTo(25);
    assertThat(figures.overBlur()).isZero();
  }

  @Test
  void aPlainReencodeLeaksEveryFaceFrameAndBlursNothing() throws Exception {
    Path plain = work.resolve("plain.mp4");
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-i",
                clip.file().toString(),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-crf",
                "20",
                "-pix_fmt",
                "yuv420p",
                plain.toString())
            .inheritIO()
            .start();
    assertThat(ffmpeg.waitFor()).isZero();

    LeakFigures figures = bench.judge(clip, plain, "none", new JobStats(25, 0, 1, 1));

    assertThat(figures.leakedFaceFrames()).isEqualTo(25);
    assertThat(figures.overBlur()).isLessThan(0.0001);
  }

  @Test
  void thePipelineWithExactBoxesCoversTheWalker() throws Exception {
    LeakFigures figures = bench.run(clip, new TruthDetector(clip));

    assertThat(figures.faceFrames()).isEqualTo(25);
    assertThat(figures.leakedFaceFrames()).isLessThan(5);
    assertThat(figures.overBlur()).isLessThan(0.05);
  }
}
