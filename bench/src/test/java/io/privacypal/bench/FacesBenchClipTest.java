package io.privacypal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.bench.leak.LeakBenchmark;
import io.privacypal.bench.leak.RenderedClip;
import io.privacypal.bench.leak.TruthDetector;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.testing.FacePhotos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed benchmark's clip with faces, one second of it at 960x540: real faces where its truth
 * says, under a moving camera, and the benchmark's pipeline finds and blurs them.
 */
class FacesBenchClipTest {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 540;

  @TempDir static Path work;
  private static PipelineSettings settings;
  private static OpenCvFaceDetector detector;
  private static RenderedClip clip;

  @BeforeAll
  static void render() throws Exception {
    FacePhotos.all(); // skips the class, with a message, where npm cannot fetch the photos
    settings = PipelineSettings.from(ConfigSource.of(Map.of()));
    detector = new OpenCvFaceDetector();
    clip = new LeakBenchmark(work, settings).movingCamera(WIDTH, HEIGHT, 1);
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  @Test
  void theDetectorFindsFacesWhereTheTruthSaysAndTheCameraMoves() throws Exception {
    List<FaceBox> first = new TruthDetector(clip).detect(frame(0));
    List<FaceBox> last = new TruthDetector(clip).detect(frame(24));

    for (int n : new int[] {0, 24}) {
      KeyframeImage image = frame(n);
      List<FaceBox> truth = new TruthDetector(clip).detect(image);
      List<FaceBox> found =
          detector.detect(image).stream().filter(face -> face.confidence() >= 0.6).toList();

      assertThat(truth).as("true heads in frame %d", n).hasSizeGreaterThanOrEqualTo(4);
      // The detector answers whole heads (hair, the back of the head): centres, not edges, agree.
      assertThat(found)
          .as("faces found in frame %d", n)
          .allSatisfy(face -> assertThat(truth).anySatisfy(head -> assertCentreIn(face, head)));
      assertThat(truth.stream().filter(head -> found.stream().anyMatch(f -> centreIn(f, head))))
          .as("true heads with a face found in them, frame %d", n)
          .hasSizeGreaterThanOrEqualTo(3);
    }
    assertThat(last).as("the camera moves the backdrop's heads").doesNotContainAnyElementsOf(first);
  }

  @Test
  void theBenchmarkRunsOnItAndBlursTheFacesItFinds() throws Exception {
    Map<String, BenchRun> medians =
        new PipelineBenchmark(settings, work, 1, 1)
            .run(
                new AnonymizePipeline(detector, settings),
                BenchClip.parse(WIDTH + "x" + HEIGHT + "x1"));

    assertThat(medians).containsKeys("plain transcode", "local detector", "detection off");
    JobStats local = medians.get("local detector").stats();
    assertThat(local.frames()).isEqualTo(25);
    assertThat(local.detectorCalls()).isPositive();
    assertThat(local.stages().get("blur").wallSeconds()).as("blur with faces present").isPositive();
    // The simulated remote detector answers the clip's true heads, which are tracked and blurred.
    JobStats remote = medians.get("remote 1 ms, 4 in flight").stats();
    assertThat(remote.detectorCalls()).isEqualTo(local.detectorCalls());
    assertThat(remote.stages().get("blur").wallSeconds())
        .as("blur of the answered heads")
        .isPositive();
  }

  private static boolean centreIn(FaceBox face, FaceBox head) {
    return face.centerX() > head.x()
        && face.centerX() < head.x() + head.width()
        && face.centerY() > head.y()
        && face.centerY() < head.y() + head.height();
  }

  private static void assertCentreIn(FaceBox face, FaceBox head) {
    assertThat(centreIn(face, head)).as("%s centred in %s", face, head).isTrue();
  }

  /**
   * Frame {@code n} of the rendered clip, decoded by ffmpeg, as the I420 keyframe a detector gets.
   */
  private static KeyframeImage frame(int n) throws IOException, InterruptedException {
    Process ffmpeg =
        new ProcessBuilder(
                settings.ffmpeg().toString(),
                "-nostdin",
                "-v",
                "error",
                "-i",
                clip.file().toString(),
                "-vf",
                "select=eq(n\\," + n + ")",
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "yuv420p",
                "pipe:1")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] bytes = ffmpeg.getInputStream().readAllBytes();
    assertThat(ffmpeg.waitFor()).isZero();
    assertThat(bytes).hasSize(WIDTH * HEIGHT * 3 / 2);
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(bytes).flip();
    return new KeyframeImage(WIDTH, HEIGHT, buffer, (double) n / BenchClip.FPS);
  }
}
