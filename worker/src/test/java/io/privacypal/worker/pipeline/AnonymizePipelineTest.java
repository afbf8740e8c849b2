package io.privacypal.worker.pipeline;

import static io.privacypal.common.job.JobOptionsBuilder.aJobOptions;
import static io.privacypal.common.job.JobOptionsBuilder.regionsOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.OutputCheck;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import io.privacypal.worker.video.VideoInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AnonymizePipelineTest {
  /** A cover must change the middle of a face by this much on average (grey levels). */
  private static final double FACE_CHANGED = 25;

  /** Re-encoding alone changes a flat background by less than this. */
  private static final double BACKGROUND_KEPT = 2.5;

  @RegisterExtension static final PipelineTestBed bed = new PipelineTestBed();

  @TempDir Path dir;

  private static JobOptions fill() {
    return aJobOptions().withBlurMode(BlurMode.FILL).build();
  }

  private Result run(TestVideo video, JobOptions options, FaceDetector with) throws Exception {
    Path out = dir.resolve("out-" + video.file().getFileName());
    List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
    JobStats stats =
        new AnonymizePipeline(with, bed.settings())
            .process(
                new PipelineRequest(video.file(), out, options),
                (f, s) -> fractions.add(f),
                new Cancellation());
    return new Result(out, stats, fractions);
  }

  private record Result(Path output, JobStats stats, List<Double> fractions) {}

  /**
   * Every frame from {@code fromFrame} on shows faces, and each of them changed at least {@code
   * min}.
   */
  private static void assertEveryFaceChanged(double[] weakest, double min, int fromFrame) {
    assertThat(weakest).hasSize(TestVideos.FRAMES);
    for (int n = fromFrame; n < weakest.length; n++) {
      assertThat(weakest[n]).as("weakest face change in frame %d", n).isGreaterThan(min);
    }
  }

  @Test
  void stillClipKeepsSizeFrameCountDurationAudioAndCodec() throws Exception {
    TestVideo video = TestVideos.still(dir, FacePhotos.sample(3), true);
    Result result = run(video, JobOptions.defaults(), bed.detector());

    VideoInfo in = bed.probe(video.file());
    VideoInfo out = bed.probe(result.output());
    assertThat(out.width()).isEqualTo(640);
    assertThat(out.height()).isEqualTo(360);
    assertThat(out.estimatedFrames()).isBetween(in.estimatedFrames() - 1, in.estimatedFrames() + 1);
    assertThat(out.durationSeconds()).isCloseTo(in.durationSeconds(), offset(0.1));
    assertThat(out.hasAudio()).isTrue();
    assertThat(out.audioCodec()).isEqualTo("aac");
    assertThat(OutputCheck.streams(result.output())).contains("h264,video,yuv420p");
    assertThat(result.stats().frames()).isEqualTo(TestVideos.FRAMES);
    assertThat(result.stats().videoSeconds()).isCloseTo(3.0, offset(0.05));
    // Keyframes every 0.3 s at 25 fps: every 8th frame (7.5 rounded), 0 to 72, plus the last one.
    assertThat(result.stats().detectorCalls()).isEqualTo(11);
  }

  @Test
  void defaultMosaicHidesEveryFaceInEveryFrameAndLeavesTheBackground() throws Exception {
    TestVideo video = TestVideos.still(dir, FacePhotos.sample(3), true);
    OutputCheck check = new OutputCheck(video);
    Result result = run(video, JobOptions.defaults(), bed.detector());

    List<byte[]> in = PipelineTestBed.gray(video.file());
    List<byte[]> out = PipelineTestBed.gray(result.output());
    assertThat(out).hasSize(in.size());
    // A mosaic keeps each cell's average, so the change is smaller than a fill's but still clear.
    assertEveryFaceChanged(check.weakestFaceChange(in, out), 6, 0);
    assertThat(check.largestBackgroundChange(in, out)).isLessThan(BACKGROUND_KEPT);
  }

  @Test
  void movingFacesAreCoveredInEveryFrame() throws Exception {
    TestVideo video = TestVideos.panning(dir, FacePhotos.sample(3), true);
    OutputCheck check = new OutputCheck(video);
    Result result = run(video, fill(), bed.detector());

    List<byte[]> in = PipelineTestBed.gray(video.file());
    List<byte[]> out = PipelineTestBed.gray(result.output());
    assertEveryFaceChanged(check.weakestFaceChange(in, out), FACE_CHANGED, 0);
    assertThat(check.largestBackgroundChange(in, out)).isLessThan(BACKGROUND_KEPT);
  }

  @Test
  void faceEnteringBetweenKeyframesIsCoveredFromTheFrameItAppears() throws Exception {
    // Keyframes fall on frames 0, 8, 16, 24, 32: the faces appear at 29, between two of them.
    TestVideo video = TestVideos.faceEnters(dir, FacePhotos.sample(3), 29, true);
    OutputCheck check = new OutputCheck(video);
    Result result = run(video, fill(), bed.detector());

    List<byte[]> in = PipelineTestBed.gray(video.file());
    List<byte[]> out = PipelineTestBed.gray(result.output());
    assertEveryFaceChanged(check.weakestFaceChange(in, out), FACE_CHANGED, 29);
    // Faces first found near an edge are also stretched towards it for the two windows before
    // (frames 17-31): they may have slid in. Elsewhere nothing around them is touched.
    assertThat(check.largestBackgroundChange(in, out, 0, 17)).isLessThan(BACKGROUND_KEPT);
    assertThat(check.largestBackgroundChange(in, out, 32, TestVideos.FRAMES))
        .isLessThan(BACKGROUND_KEPT);
  }

  @Test
  void facesLeavingThroughTheEdgeAreCoveredUntilTheyAreGone() throws Exception {
    TestVideo video = TestVideos.faceLeaves(dir, FacePhotos.sample(3), true);
    OutputCheck check = new OutputCheck(video);
    Result result = run(video, fill(), bed.detector());

    double[] weakest =
        check.weakestFaceChange(
            PipelineTestBed.gray(video.file()), PipelineTestBed.gray(result.output()));
    int shown = 0;
    for (int n = 0; n < weakest.length; n++) {
      if (weakest[n] >= 0) {
        shown++;
        assertThat(weakest[n]).as("weakest face change in frame %d", n).isGreaterThan(FACE_CHANGED);
      }
    }
    // The faces are in the picture for most of the clip, half out of it for many frames.
    assertThat(shown).isGreaterThan(40);
  }

  @Test
  void facesOfTwoPhotosPassingEachOtherAreCoveredInEveryFrame() throws Exception {
    TestVideo video = TestVideos.crossing(dir, FacePhotos.sample(3), FacePhotos.sample(5), true);
    OutputCheck check = new OutputCheck(video);
    Result result = run(video, fill(), bed.detector());

    List<byte[]> in = PipelineTestBed.gray(video.file());
    List<byte[]> out = PipelineTestBed.gray(result.output());
    assertEveryFaceChanged(check.weakestFaceChange(in, out), FACE_CHANGED, 0);
  }

  @Test
  void sceneCutForcesDetectionOnItsFirstFrameAndBothScenesAreCovered() throws Exception {
    TestVideo video =
        TestVideos.sceneCut(dir, FacePhotos.sample(3), FacePhotos.sample(5), 30, true);
    OutputCheck check = new OutputCheck(video);
    List<Double> detectedAt = Collections.synchronizedList(new ArrayList<>());
    FaceDetector recording =
        new FaceDetector() {
          @Override
          public List<FaceBox> detect(KeyframeImage image) {
            detectedAt.add(image.timestampSeconds());
            return bed.detector().detect(image);
          }

          @Override
          public String name() {
            return "recording";
          }
        };
    Result result = run(video, fill(), recording);

    assertThat(detectedAt).anySatisfy(t -> assertThat(t).isCloseTo(30 / 25.0, offset(1e-6)));
    List<byte[]> in = PipelineTestBed.gray(video.file());
    List<byte[]> out = PipelineTestBed.gray(result.output());
    assertEveryFaceChanged(check.weakestFaceChange(in, out), FACE_CHANGED, 0);
    assertThat(check.largestBackgroundChange(in, out)).isLessThan(BACKGROUND_KEPT);
  }

  @Test
  void inputWithoutAudioGivesOutputWithoutAudio() throws Exception {
    TestVideo video = TestVideos.still(dir, FacePhotos.sample(3), false);
    Result result = run(video, JobOptions.defaults(), bed.detector());

    VideoInfo out = bed.probe(result.output());
    assertThat(out.hasAudio()).isFalse();
    assertThat(out.estimatedFrames()).isBetween(74L, 76L);
  }

  @Test
  void manualRegionIsCoveredOnlyInItsTimeRangeWithoutCallingTheDetector() throws Exception {
    Path pattern = TestVideos.pattern(dir.resolve("pattern.mp4"), 640, 360, 3, true);
    BlurRegion region = new BlurRegion(40, 40, 120, 80, 1.0, 2.0);
    JobOptions options = regionsOnly(region).withBlurMode(BlurMode.FILL).build();
    Path out = dir.resolve("regions.mp4");
    JobStats stats =
        new AnonymizePipeline(bed.detector(), bed.settings())
            .process(
                new PipelineRequest(pattern, out, options),
                ProgressListener.NONE,
                new Cancellation());

    assertThat(stats.detectorCalls()).isZero();
    List<byte[]> in = PipelineTestBed.gray(pattern);
    List<byte[]> result = PipelineTestBed.gray(out);
    for (int n = 0; n < in.size(); n++) {
      double inside = RawFrames.meanAbsDiff(in.get(n), result.get(n), 640, 360, 50, 50, 100, 60);
      double seconds = n / 25.0;
      if (seconds >= 1.0 && seconds <= 2.0) {
        assertThat(inside).as("frame %d", n).isGreaterThan(FACE_CHANGED);
      } else {
        assertThat(inside).as("frame %d", n).isLessThan(8);
      }
    }
  }

  @Test
  void progressRisesAndEndsAtOneWithFinalStats() throws Exception {
    TestVideo video = TestVideos.still(dir, FacePhotos.sample(3), true);
    Result result = run(video, JobOptions.defaults(), bed.detector());

    assertThat(result.fractions()).isNotEmpty().isSorted();
    assertThat(result.fractions().get(result.fractions().size() - 1)).isEqualTo(1.0);
    assertThat(result.stats().processingSeconds()).isPositive();
  }
}
