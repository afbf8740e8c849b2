package io.privacypal.worker.pipeline;

import static io.privacypal.worker.pipeline.PipelineFixture.ffmpeg;
import static io.privacypal.worker.pipeline.PipelineFixture.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.worker.video.InvalidVideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job succeeds only when it read the whole input. 10 s clips of 300 frames are cut at several
 * points: with the index at the front (an MP4 with +faststart, a Matroska file) the header still
 * declares every frame, so a decoder that just stops early would pass for a shorter video.
 */
class WholeInputTest {
  @TempDir static Path clips;
  private static byte[] faststart;
  private static byte[] indexAtEnd;
  private static byte[] matroska;

  @TempDir Path dir;

  @BeforeAll
  static void makeClips() throws Exception {
    faststart = clip("faststart.mp4", "-movflags", "+faststart");
    indexAtEnd = clip("plain.mp4");
    matroska = clip("clip.mkv");
  }

  private static byte[] clip(String name, String... extra) throws IOException {
    Path out = clips.resolve(name);
    String[] args = {
      "-f",
      "lavfi",
      "-i",
      "testsrc2=s=320x240:r=30:d=10",
      "-f",
      "lavfi",
      "-i",
      "sine=duration=10",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-g",
      "30",
      "-c:a",
      "aac"
    };
    String[] all = Arrays.copyOf(args, args.length + extra.length + 1);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    all[all.length - 1] = out.toString();
    ffmpeg(all);
    return Files.readAllBytes(out);
  }

  private Path cut(byte[] whole, String name, int percent) throws IOException {
    return Files.write(
        dir.resolve(name), Arrays.copyOf(whole, (int) ((long) whole.length * percent / 100)));
  }

  @ParameterizedTest(name = "cut at {0} %")
  @ValueSource(ints = {30, 60, 90, 99})
  void mp4WithItsIndexAtTheFrontCutShortFailsAsTruncatedWithTheFramesItHad(int percent)
      throws Exception {
    Path input = cut(faststart, "cut.mp4", percent);

    assertThatThrownBy(() -> process(input, dir.resolve("out.mp4")))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageMatching("truncated: \\d+ of 300 frames decoded.*");
    assertThat(dir.resolve("out.mp4")).doesNotExist();
  }

  @ParameterizedTest(name = "cut at {0} %")
  @ValueSource(ints = {30, 60, 90, 99})
  void mp4WithItsIndexAtTheEndCutShortIsNotAReadableVideo(int percent) throws Exception {
    Path input = cut(indexAtEnd, "cut.mp4", percent);

    assertThatThrownBy(() -> process(input, dir.resolve("out.mp4")))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("not a readable video");
  }

  @ParameterizedTest(name = "cut at {0} %")
  @ValueSource(ints = {30, 60, 90, 99})
  void matroskaCutShortFailsAsTruncatedOrDamaged(int percent) throws Exception {
    Path input = cut(matroska, "cut.mkv", percent);

    assertThatThrownBy(() -> process(input, dir.resolve("out.mp4")))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageMatching(
            "(truncated: \\d+ of \\d+ frames decoded|damaged: the decoder reported).*");
  }

  @Test
  void mp4WithGarbageInTheMiddleFailsAsDamaged() throws Exception {
    byte[] damaged = faststart.clone();
    // 4 KiB of noise in the middle of the frames: every frame is still there, some are broken.
    for (int i = damaged.length / 2; i < damaged.length / 2 + 4096; i++) {
      damaged[i] = (byte) (i * 31 + 7);
    }
    Path input = Files.write(dir.resolve("damaged.mp4"), damaged);

    assertThatThrownBy(() -> process(input, dir.resolve("out.mp4")))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageMatching("(damaged: the decoder reported|truncated: ).*");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"faststart.mp4", "clip.mkv"})
  void clipTrimmedWithoutReencodingIsWholeAndSucceeds(String name) throws Exception {
    // Cut between keyframes: an MP4 keeps the frames before the cut in its index (an edit list
    // hides them), a Matroska file keeps them as frames.
    Path trimmed = dir.resolve("trimmed-" + name);
    ffmpeg(
        "-ss",
        "3.3",
        "-i",
        clips.resolve(name).toString(),
        "-c",
        "copy",
        "-t",
        "4",
        trimmed.toString());

    assertThat(process(trimmed, dir.resolve("out.mp4")).frames()).isBetween(100L, 230L);
  }

  @Test
  void wholeClipsStillSucceedWithEveryFrame() throws Exception {
    for (String name : new String[] {"faststart.mp4", "plain.mp4", "clip.mkv"}) {
      assertThat(process(clips.resolve(name), dir.resolve(name + ".out.mp4")).frames())
          .isEqualTo(300);
    }
  }
}
