package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.JobOptions;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.video.InvalidVideoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @RegisterExtension static final PipelineTestBed bed = new PipelineTestBed();

  @TempDir Path dir;

  private Path process(Path input, PipelineSettings with) throws Exception {
    Path out = dir.resolve("out.mp4");
    new AnonymizePipeline(bed.detector(), with)
        .process(
            new PipelineRequest(input, out, JobOptions.defaults()),
            ProgressListener.NONE,
            new Cancellation());
    return out;
  }

  @Test
  void textFileNamedMp4IsRefusedAsNotAVideo() throws Exception {
    Path fake = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));

    assertThatThrownBy(() -> process(fake, bed.settings()))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("not a readable video");
    assertThat(dir.resolve("out.mp4")).doesNotExist();
  }

  @Test
  void truncatedMp4IsRefusedAsNotAVideo() throws Exception {
    Path whole = TestVideos.pattern(dir.resolve("whole.mp4"), 320, 240, 2, true);
    byte[] bytes = Files.readAllBytes(whole);
    // Without +faststart the index is at the end: cutting the file in half loses it.
    Path truncated =
        Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> process(truncated, bed.settings()))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("not a readable video");
    assertThat(dir.resolve("out.mp4")).doesNotExist();
  }

  @Test
  void audioOnlyFileIsRefusedForHavingNoVideoStream() throws Exception {
    Path audio = dir.resolve("tone.m4a");
    RawFrames.run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=1",
        "-c:a",
        "aac",
        audio.toString());

    assertThatThrownBy(() -> process(audio, bed.settings()))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("no video stream");
  }

  @Test
  void videoLargerThanTheLimitIsRefusedWithItsSize() throws Exception {
    Path big = TestVideos.pattern(dir.resolve("big.mp4"), 640, 360, 1, false);

    assertThatThrownBy(() -> process(big, bed.settings().withMaxSize(320, 240)))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("640x360 is over the limit of 320x240");
  }

  @Test
  void emptyFileIsRefused() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.mp4"));

    assertThatThrownBy(() -> process(empty, bed.settings()))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessageContaining("empty");
  }
}
