package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.worker.testing.HangingFfprobe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's time limit fires even when ffprobe has started its answer and then hangs. */
class ProbeTimeLimitTest {
  @TempDir Path dir;

  @Test
  void probeThatHangsAfterStartingItsAnswerStopsAtTheTimeLimit() throws Exception {
    VideoProbe probe =
        new VideoProbe(HangingFfprobe.in(dir), InputLimits.DEFAULTS, Duration.ofSeconds(1));
    Path input = Files.writeString(dir.resolve("clip.mp4"), "any bytes");

    long started = System.nanoTime();
    assertThatThrownBy(() -> probe.probe(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ffprobe did not finish within 1 s");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);
    assertThat(HangingFfprobe.running()).isFalse();
  }
}
