package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.testing.HangingFfprobe;
import io.privacypal.worker.testing.NoFaces;
import io.privacypal.worker.video.FfmpegTools;
import io.privacypal.worker.video.InputLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancel stops a hanging ffprobe at once; the job ends cancelled, not after the time limit. */
class ProbeCancelTest {
  @TempDir Path dir;

  @Test
  void cancelStopsAHangingProbeAtOnceAndTheJobEndsCancelled() throws Exception {
    FfmpegTools hanging = HangingFfprobe.in(dir);
    PipelineSettings settings =
        new PipelineSettings(
            hanging.ffmpeg(), hanging.ffprobe(), InputLimits.DEFAULTS, 64L << 20, "veryfast", 20);
    AnonymizePipeline pipeline = new AnonymizePipeline(new NoFaces(), settings);
    Path input = Files.writeString(dir.resolve("clip.mp4"), "any bytes");
    Cancellation cancellation = new Cancellation();

    CompletableFuture<JobStats> job =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pipeline.process(
                    new PipelineRequest(input, dir.resolve("out.mp4"), JobOptions.defaults()),
                    ProgressListener.NONE,
                    cancellation);
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    await().atMost(Duration.ofSeconds(10)).until(HangingFfprobe::running);
    long cancelled = System.nanoTime();
    cancellation.cancel("the client cancelled");

    assertThatThrownBy(() -> job.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(JobCancelledException.class);
    assertThat((System.nanoTime() - cancelled) / 1e9).isLessThan(5);
    assertThat(HangingFfprobe.running()).isFalse();
  }
}
