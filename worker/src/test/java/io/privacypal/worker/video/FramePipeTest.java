package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FramePipeTest {
  private static final Duration NEVER_BLOCKS = Duration.ofSeconds(20);

  /** 30 frames of 64x48 I420: more than a pipe holds, so ffmpeg waits on our reads. */
  @Test
  void readsEveryByteFfmpegWritesThenTheEndAndLeavesNoPipeBehind() throws Exception {
    long before = framePipesInTemp();
    List<String> command =
        List.of(
            ("ffmpeg -nostdin -v error -f lavfi -i color=size=64x48:rate=25 -frames:v 30"
                    + " -pix_fmt yuv420p -f rawvideo pipe:1")
                .split(" "));
    FramePipe.Started decoder = FramePipe.fromStdout(command, "test-decode");
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    assertTimeoutPreemptively(
        NEVER_BLOCKS,
        () -> {
          while (decoder.channel().read(buffer) >= 0) {
            // until ffmpeg's exit ends the pipe
          }
        });
    FramePipe.close(decoder.channel());

    assertThat(buffer.position()).isEqualTo(64 * 48 * 3 / 2 * 30);
    assertThat(decoder.ffmpeg().waitFor(10)).isZero();
    assertThat(framePipesInTemp()).isEqualTo(before);
  }

  /** An encoder that died (here: ended at once, reading nothing) fails our writes, never hangs. */
  @Test
  void writingToAProcessThatEndedFailsInsteadOfWaiting() throws Exception {
    FramePipe.Started encoder = FramePipe.toStdin(List.of("true"), "test-encode");
    encoder.ffmpeg().waitFor(10);
    ByteBuffer frame = ByteBuffer.allocateDirect(1 << 20);

    assertTimeoutPreemptively(
        NEVER_BLOCKS,
        () ->
            assertThatThrownBy(
                    () -> {
                      while (frame.hasRemaining()) {
                        encoder.channel().write(frame);
                      }
                    })
                .isInstanceOf(IOException.class));
    FramePipe.close(encoder.channel());
  }

  @Test
  void readingFromAProcessThatEndedWithoutWritingIsTheEnd() throws Exception {
    FramePipe.Started decoder = FramePipe.fromStdout(List.of("true"), "test-decode");
    decoder.ffmpeg().waitFor(10);

    assertTimeoutPreemptively(
        NEVER_BLOCKS,
        () -> assertThat(decoder.channel().read(ByteBuffer.allocateDirect(1024))).isEqualTo(-1));
    FramePipe.close(decoder.channel());
  }

  private static long framePipesInTemp() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("privacypal-frames"))
          .count();
    }
  }
}
