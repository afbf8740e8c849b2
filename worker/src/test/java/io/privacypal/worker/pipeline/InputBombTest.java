package io.privacypal.worker.pipeline;

import static io.privacypal.worker.pipeline.PipelineFixture.SETTINGS;
import static io.privacypal.worker.pipeline.PipelineFixture.ffmpeg;
import static io.privacypal.worker.pipeline.PipelineFixture.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.video.InputLimits;
import io.privacypal.worker.video.InvalidVideoException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of a few kilobytes that ask for hours of work or gigabytes of frames: each ends FAILED
 * within seconds, with the reason, or runs within its frame memory.
 */
class InputBombTest {
  /** The uploader's longest keyframe interval: five seconds of frames held per window. */
  private static final JobOptions FIVE_SECOND_KEYFRAMES =
      new JobOptions(
          false,
          List.of(BlurRegion.of(0, 0, 32, 32)),
          BlurMode.MOSAIC,
          MaskShape.BOX,
          5.0,
          1.3,
          null);

  @TempDir Path dir;

  @Test
  void tiny4kFileDeclaring1000FpsFailsWithinSecondsForItsFrameRate() throws Exception {
    Path bomb = dir.resolve("bomb.mp4");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=black:s=3840x2160:r=1000",
        "-frames:v",
        "10",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        bomb.toString());
    assertThat(Files.size(bomb)).isLessThan(64 * 1024);

    long started = System.nanoTime();
    assertThatThrownBy(() -> process(bomb, dir.resolve("out.mp4"), SETTINGS, FIVE_SECOND_KEYFRAMES))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessage("frame rate 1000 fps is over the limit of 240 fps");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(10);
  }

  @Test
  void twoKilobyteFileDeclaringTwelveHoursFailsForItsDuration() throws Exception {
    Path bomb = dir.resolve("long.mp4");
    // One frame an hour: twelve frames, twelve hours.
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=black:s=320x240:r=1/3600",
        "-frames:v",
        "12",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        bomb.toString());
    assertThat(Files.size(bomb)).isLessThan(8 * 1024);

    assertThatThrownBy(() -> process(bomb, dir.resolve("out.mp4")))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessage("duration 43200 s is over the limit of 18000 s");
  }

  @Test
  void fileWithMoreFramesThanTheLimitFailsForItsFrameCount() throws Exception {
    Path input = dir.resolve("frames.mp4");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=black:s=64x64:r=30:d=10",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        input.toString());
    PipelineSettings settings = SETTINGS.withLimits(new InputLimits(3840, 2160, 3600, 100, 240));

    assertThatThrownBy(
            () -> process(input, dir.resolve("out.mp4"), settings, PipelineFixture.REGION_ONLY))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessage("300 frames are over the limit of 100");
  }

  @Test
  void matroskaFileDeclaringHalfASecondButHoldingTwentyStopsPastWhatItDeclares() throws Exception {
    Path honest = dir.resolve("honest.mkv");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=gray:s=64x64:r=30:d=20",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        honest.toString());
    byte[] bytes = Files.readAllBytes(honest);
    // The segment's Duration element (ID 0x4489, 8-byte float, in ms) and the stream's DURATION
    // tag.
    int duration = indexOf(bytes, new byte[] {0x44, (byte) 0x89, (byte) 0x88});
    ByteBuffer.wrap(bytes, duration + 3, 8).putDouble(500.0);
    byte[] tag = "00:00:20.000000000".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(bytes, tag);
    System.arraycopy(
        "00:00:00.500000000".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, tag.length);
    Path liar = Files.write(dir.resolve("liar.mkv"), bytes);
    assertThat(Files.size(liar)).isLessThan(32 * 1024);

    assertThatThrownBy(() -> process(liar, dir.resolve("out.mp4")))
        .isInstanceOf(InvalidVideoException.class)
        .hasMessage("the video holds more frames than it declares: over 315 of 15");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("not found in the file ffmpeg wrote");
  }

  @Test
  void longKeyframeIntervalOnLargeFramesStaysWithinTheFrameMemory() throws Exception {
    // 12 s at 25 fps, 640x360: windows of five seconds would hold ~250 frames (86 MB) at once.
    Path input = dir.resolve("clip.mp4");
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=640x360:r=25:d=12",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        input.toString());
    long budget = 24L << 20;
    BufferPoolMXBean direct =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    long before = settled(direct);
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(direct.getMemoryUsed(), Math::max);
                Thread.onSpinWait();
              }
            });
    sampler.start();
    try {
      assertThat(
              process(
                      input,
                      dir.resolve("out.mp4"),
                      SETTINGS.withFrameMemory(budget),
                      FIVE_SECOND_KEYFRAMES)
                  .frames())
          .isEqualTo(300);
    } finally {
      running.set(false);
      sampler.join();
    }

    assertThat(peak.get() - before).isBetween(1L, budget);
  }

  /**
   * Direct memory in use once earlier tests' frames are freed: a collection only queues their
   * buffers for freeing, so a baseline read at once could fall during the run (a busy machine
   * measured no rise at all).
   */
  private static long settled(BufferPoolMXBean direct) throws InterruptedException {
    long used = -1;
    for (int tries = 0; tries < 40; tries++) {
      System.gc();
      Thread.sleep(50);
      long now = direct.getMemoryUsed();
      if (now == used) {
        break;
      }
      used = now;
    }
    return direct.getMemoryUsed();
  }
}
