package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobOptions;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.TestVideos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancellationTest {
  @TempDir Path dir;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final OpenCvFaceDetector detector = new OpenCvFaceDetector();

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    detector.close();
  }

  @Test
  void cancelMidRunStopsQuicklyKillsFfmpegAndRemovesTheOutput() throws Exception {
    Path input = TestVideos.pattern(dir.resolve("long.mp4"), 640, 360, 20, true);
    Path output = dir.resolve("out.mp4");
    PipelineSettings settings = PipelineSettings.from(ConfigSource.of(Map.of()));
    Cancellation cancellation = new Cancellation();
    CountDownLatch running = new CountDownLatch(1);
    Future<?> job =
        executor.submit(
            () ->
                new AnonymizePipeline(detector, settings)
                    .process(
                        new PipelineRequest(input, output, JobOptions.defaults()),
                        (fraction, stats) -> {
                          if (stats.frames() >= 20) {
                            running.countDown();
                          }
                        },
                        cancellation));
    assertThat(running.await(60, TimeUnit.SECONDS)).as("the job got going").isTrue();
    assertThat(ProcessHandle.current().descendants().count())
        .as("ffmpeg processes while running")
        .isEqualTo(2);

    long cancelledAt = System.nanoTime();
    cancellation.cancel("user asked");

    try {
      job.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the job finished although it was cancelled");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(JobCancelledException.class).hasMessage("user asked");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(3));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.current().descendants().count() == 0);
    assertThat(output).doesNotExist();
  }

  @Test
  void alreadyCancelledJobStartsNoProcess() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("gone");
    PipelineSettings settings = PipelineSettings.from(ConfigSource.of(Map.of()));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new AnonymizePipeline(detector, settings)
                    .process(
                        new PipelineRequest(
                            dir.resolve("any.mp4"), dir.resolve("out.mp4"), JobOptions.defaults()),
                        ProgressListener.NONE,
                        cancellation))
        .isInstanceOf(JobCancelledException.class);
    assertThat(ProcessHandle.current().descendants().count()).isZero();
  }
}
