package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.JobCancelledException;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.pipeline.ProgressListener;
import io.privacypal.worker.testing.NoFaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ffprobe that starts its answer and then hangs (as one stuck on a slow or hostile input
 * would): the time limit fires and a cancel stops it, neither waits for it to finish.
 */
class ProbeTimeLimitTest {
  @TempDir Path dir;
  private FfmpegTools hanging;
  private Path input;

  @BeforeEach
  void writeAHangingFfprobe() throws IOException {
    Path script = dir.resolve("ffprobe");
    Files.writeString(script, "#!/bin/sh\necho '{\"streams\": ['\nexec sleep 60\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    hanging = new FfmpegTools(Path.of("/bin/false"), script);
    input = Files.writeString(dir.resolve("clip.mp4"), "any bytes");
  }

  @Test
  void probeThatHangsAfterStartingItsAnswerStopsAtTheTimeLimit() {
    VideoProbe probe = new VideoProbe(hanging, InputLimits.DEFAULTS, Duration.ofSeconds(1));

    long started = System.nanoTime();
    assertThatThrownBy(() -> probe.probe(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ffprobe did not finish within 1 s");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);
  }

  @Test
  void cancelStopsAHangingProbeAtOnceAndTheJobEndsCancelled() throws Exception {
    PipelineSettings settings =
        new PipelineSettings(
            hanging.ffmpeg(), hanging.ffprobe(), InputLimits.DEFAULTS, 64L << 20, "veryfast", 20);
    AnonymizePipeline pipeline = new AnonymizePipeline(new NoFaces(), settings);
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
    await().atMost(Duration.ofSeconds(10)).until(ProbeTimeLimitTest::hangingProbeRuns);
    long cancelled = System.nanoTime();
    cancellation.cancel("the client cancelled");

    assertThatThrownBy(() -> job.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(JobCancelledException.class);
    assertThat((System.nanoTime() - cancelled) / 1e9).isLessThan(5);
    assertThat(hangingProbeRuns()).isFalse();
  }

  private static boolean hangingProbeRuns() {
    return ProcessHandle.current()
        .descendants()
        .anyMatch(p -> p.isAlive() && p.info().command().orElse("").endsWith("sleep"));
  }

}
