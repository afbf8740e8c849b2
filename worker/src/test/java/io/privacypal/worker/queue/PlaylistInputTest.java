package io.privacypal.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.testing.NoFaces;
import io.privacypal.worker.testing.RawFrames;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file in the video directory whose content is a playlist, a manifest or a list of files, named
 * like a video, fails its job at once and makes ffmpeg open nothing it names. The file it names
 * outside the video directory is a FIFO: opening it for reading is the one thing that lets the
 * test's writer through, so "never opened" is observed, not assumed.
 */
class PlaylistInputTest {
  @TempDir Path root;
  private WorkerTestBed bed;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    bed = new WorkerTestBed(root);
    outside = root.resolve("outside").resolve("secret-" + UUID.randomUUID() + ".mp4");
    Files.createDirectories(outside.getParent());
    RawFrames.run("mkfifo", outside.toString());
    bed.startConsumer(
        new AnonymizePipeline(new NoFaces(), PipelineSettings.from(ConfigSource.of(Map.of()))));
  }

  @AfterEach
  void tearDown() throws Exception {
    bed.close();
  }

  @Test
  void hlsPlaylistNamedMp4FailsAsNotASupportedVideoAndOpensNothingOutside() throws Exception {
    assertRefusedWithoutOpening(
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n"
            + outside
            + "\n#EXT-X-ENDLIST\n");
  }

  @Test
  void dashManifestNamedMp4FailsAsNotASupportedVideoAndOpensNothingOutside() throws Exception {
    assertRefusedWithoutOpening(
        "<?xml version=\"1.0\"?>\n"
            + "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\""
            + " mediaPresentationDuration=\"PT2S\" minBufferTime=\"PT1S\""
            + " profiles=\"urn:mpeg:dash:profile:isoff-on-demand:2011\"><Period>"
            + "<AdaptationSet mimeType=\"video/mp4\"><Representation id=\"1\" bandwidth=\"100000\""
            + " width=\"320\" height=\"240\" codecs=\"avc1.64000d\">"
            + "<BaseURL>file://"
            + outside
            + "</BaseURL>"
            + "</Representation></AdaptationSet></Period></MPD>\n");
  }

  @Test
  void concatListNamedMp4FailsAsNotASupportedVideo() throws Exception {
    // ffmpeg's concat demuxer refuses absolute paths by itself; a list of its neighbours is
    // still a list of files, and refused as such.
    Path neighbour = root.resolve("videos").resolve("neighbour.mp4");
    RawFrames.run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=160x120:r=25:d=1",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        neighbour.toString());

    JobStatus failed = runJob("ffconcat version 1.0\nfile 'neighbour.mp4'\n");

    assertThat(failed.failure().reason()).contains("not a supported video");
  }

  private void assertRefusedWithoutOpening(String content) throws Exception {
    AtomicBoolean opened = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              // Blocks until someone opens the FIFO for reading.
              try (FileOutputStream ignored = new FileOutputStream(outside.toFile())) {
                opened.set(true);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.setDaemon(true);
    writer.start();

    JobStatus failed = runJob(content);

    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_INPUT);
    assertThat(failed.failure().reason()).contains("not a supported video");
    assertThat(failed.attempt()).isEqualTo(1);
    assertThat(opened).isFalse();
    assertThat(bed.outputFiles()).isEmpty();
    // Let the writer go: this open is the first reader it meets.
    new FileInputStream(outside.toFile()).close();
    writer.join(5000);
    assertThat(opened).isTrue();
  }

  private JobStatus runJob(String clipContent) throws IOException {
    Files.writeString(root.resolve("videos").resolve("clip.mp4"), clipContent);
    JobId id = bed.submit("job-" + UUID.randomUUID());
    await().atMost(Duration.ofSeconds(20)).until(() -> bed.status(id).isTerminal());
    JobStatus status = bed.status(id);
    assertThat(status.state()).isEqualTo(JobState.FAILED);
    return status;
  }
}
