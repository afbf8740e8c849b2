package io.privacypal.worker.pipeline;

import static io.privacypal.common.job.JobOptionsBuilder.regionsOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.video.VideoInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs that are valid but awkward: rotated, odd-sized, variable frame rate, unusual audio. */
class InputFormatsTest {
  @RegisterExtension static final PipelineTestBed bed = new PipelineTestBed();
  private static final JobOptions REGION_ONLY = regionsOnly(BlurRegion.of(0, 0, 32, 32)).build();

  @TempDir Path dir;

  private static void ffmpeg(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    RawFrames.run(command.toArray(String[]::new));
  }

  private JobStats process(Path input, Path output) throws Exception {
    return new AnonymizePipeline(bed.detector(), bed.settings())
        .process(
            new PipelineRequest(input, output, REGION_ONLY),
            ProgressListener.NONE,
            new Cancellation());
  }

  @Test
  void rotatedPhoneVideoComesOutUpright() throws Exception {
    Path plain = dir.resolve("plain.mp4");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:r=25:d=1",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        plain.toString());
    Path rotated = dir.resolve("rotated.mp4");
    ffmpeg(
        "-i", plain.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());

    VideoInfo in = bed.probe(rotated);
    assertThat(Math.abs(in.rotation())).isEqualTo(90);
    assertThat(in.width()).isEqualTo(240);
    assertThat(in.height()).isEqualTo(320);

    Path out = dir.resolve("out.mp4");
    assertThat(process(rotated, out).frames()).isEqualTo(25);
    VideoInfo result = bed.probe(out);
    assertThat(result.width()).isEqualTo(240);
    assertThat(result.height()).isEqualTo(320);
    assertThat(result.rotation()).isZero();
  }

  @Test
  void oddSizedVideoIsPaddedToEvenAndKeepsEveryFrame() throws Exception {
    Path odd = dir.resolve("odd.mp4");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:r=25:d=1",
        "-vf",
        "scale=321:241",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv444p",
        odd.toString());
    assertThat(bed.probe(odd).width()).isEqualTo(321);

    Path out = dir.resolve("out.mp4");
    assertThat(process(odd, out).frames()).isEqualTo(25);
    VideoInfo result = bed.probe(out);
    assertThat(result.width()).isEqualTo(322);
    assertThat(result.height()).isEqualTo(242);
  }

  @Test
  void variableFrameRateVideoKeepsItsDuration() throws Exception {
    Path vfr = dir.resolve("vfr.mp4");
    // Frames 10..40 dropped: a 4 s clip with a gap in its timestamps.
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:r=25:d=4",
        "-vf",
        "select='not(between(n\\,10\\,40))'",
        "-fps_mode",
        "vfr",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        vfr.toString());
    VideoInfo in = bed.probe(vfr);
    assertThat(in.variableFrameRate()).isTrue();

    Path out = dir.resolve("out.mp4");
    process(vfr, out);
    VideoInfo result = bed.probe(out);
    assertThat(result.durationSeconds()).isCloseTo(in.durationSeconds(), offset(0.1));
    assertThat(result.estimatedFrames())
        .isBetween(in.estimatedFrames() - 1, in.estimatedFrames() + 1);
  }

  @Test
  void audioMp4CannotCarryIsReencodedToAacAndOpusIsCopied() throws Exception {
    Path pcm = dir.resolve("pcm.mkv");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:r=25:d=1",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=1",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-c:a",
        "pcm_s16le",
        pcm.toString());
    Path opus = dir.resolve("opus.mkv");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:r=25:d=1",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=1",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-c:a",
        "libopus",
        opus.toString());

    Path fromPcm = dir.resolve("from-pcm.mp4");
    process(pcm, fromPcm);
    Path fromOpus = dir.resolve("from-opus.mp4");
    process(opus, fromOpus);

    assertThat(bed.probe(fromPcm).audioCodec()).isEqualTo("aac");
    assertThat(bed.probe(fromOpus).audioCodec()).isEqualTo("opus");
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "libx265,mov,aac",
    "libvpx-vp9,webm,libopus",
    "libx264,mkv,libmp3lame",
    "mpeg4,avi,libmp3lame"
  })
  void everyCommonContainerAndCodecBecomesH264WithItsFramesDurationAndSound(
      String videoCodec, String container, String audioCodec) throws Exception {
    Path input = dir.resolve("in." + container);
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=320x240:r=25:d=2",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=2",
        "-c:v",
        videoCodec,
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        audioCodec,
        "-shortest",
        input.toString());
    VideoInfo in = bed.probe(input);

    Path out = dir.resolve("out.mp4");
    assertThat(process(input, out).frames()).isBetween(49L, 51L);

    VideoInfo result = bed.probe(out);
    assertThat(io.privacypal.worker.testing.OutputCheck.streams(out))
        .contains("h264,video,yuv420p");
    assertThat(result.width()).isEqualTo(320);
    assertThat(result.height()).isEqualTo(240);
    assertThat(result.durationSeconds()).isCloseTo(in.durationSeconds(), offset(0.1));
    assertThat(result.hasAudio()).isTrue();
  }
}
