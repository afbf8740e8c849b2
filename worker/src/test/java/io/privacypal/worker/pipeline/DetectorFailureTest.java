package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.common.job.JobOptions;
import io.privacypal.worker.testing.TestVideos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorFailureTest {
  @TempDir Path dir;

  /** Finds nothing for a while, then fails the way a throttled cloud detector does. */
  private static FaceDetector failingAfter(int calls) {
    return new FaceDetector() {
      private int made;

      @Override
      public synchronized List<FaceBox> detect(KeyframeImage image) throws DetectionException {
        if (++made > calls) {
          throw new DetectionException("throttled", true, null);
        }
        return List.of();
      }

      @Override
      public String name() {
        return "failing";
      }
    };
  }

  @Test
  void detectorFailureEndsTheJobWithItsErrorLeavingNoOutputOrProcess() throws Exception {
    Path input = TestVideos.pattern(dir.resolve("in.mp4"), 320, 240, 3, true);
    Path output = dir.resolve("out.mp4");
    AnonymizePipeline pipeline =
        new AnonymizePipeline(failingAfter(3), PipelineSettings.from(ConfigSource.of(Map.of())));

    assertThatThrownBy(
            () ->
                pipeline.process(
                    new PipelineRequest(input, output, JobOptions.defaults()),
                    ProgressListener.NONE,
                    new Cancellation()))
        .isInstanceOf(DetectionException.class)
        .hasMessage("throttled")
        .satisfies(e -> assertThat(((DetectionException) e).retryable()).isTrue());
    assertThat(output).doesNotExist();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.current().descendants().count() == 0);
  }
}
