package io.privacypal.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Makes the study's clips: every frame is composed here (flat background, the photo pasted at an
 * even position computed in Java) and piped to ffmpeg as raw I420, so the positions the ground
 * truth uses are exactly those in the video, whatever the motion.
 */
final class StudyClips {
  private static final byte BACKGROUND_Y = 90;
  private static final byte BACKGROUND_U = (byte) 150;
  private static final byte BACKGROUND_V = 110;

  private final Path ffmpeg;
  private final Path dir;
  private final int frames;

  StudyClips(Path ffmpeg, Path dir, double seconds) {
    this.ffmpeg = ffmpeg;
    this.dir = dir;
    this.frames = (int) Math.round(seconds * StudyClip.FPS);
  }

  /** Left to right at {@code pixelsPerSecond}, vertically centred. */
  StudyClip pan(String name, StudyPhoto photo, double pixelsPerSecond) throws IOException {
    int y = (StudyClip.HEIGHT - photo.height()) / 2;
    return make(name, photo, n -> new int[] {40 + (int) (pixelsPerSecond * n / StudyClip.FPS), y});
  }

  /**
   * Back and forth across the whole canvas at {@code pixelsPerSecond}: turns are not linear motion.
   */
  StudyClip bounce(String name, StudyPhoto photo, double pixelsPerSecond) throws IOException {
    int y = (StudyClip.HEIGHT - photo.height()) / 2;
    int range = StudyClip.WIDTH - photo.width();
    return make(
        name,
        photo,
        n -> {
          int travelled = (int) (pixelsPerSecond * n / StudyClip.FPS) % (2 * range);
          return new int[] {travelled <= range ? travelled : 2 * range - travelled, y};
        });
  }

  /**
   * Slides in from beyond the right edge at {@code pixelsPerSecond}, starting {@code lateFrames}
   * frames later, and stops near the left. Different starts put the entry at other frames between
   * keyframes, which decides how long a face that is not yet detected stays visible.
   */
  StudyClip enterFromRight(String name, StudyPhoto photo, double pixelsPerSecond, int lateFrames)
      throws IOException {
    int y = (StudyClip.HEIGHT - photo.height()) / 2;
    int stop = 80;
    return make(
        name,
        photo,
        n ->
            new int[] {
              Math.max(
                  stop,
                  StudyClip.WIDTH - (int) (pixelsPerSecond * (n - lateFrames) / StudyClip.FPS)),
              y
            });
  }

  /** Nothing until {@code fromFrame}, then the photo, still, in the middle. */
  StudyClip appear(String name, StudyPhoto photo, int fromFrame) throws IOException {
    int[] at = {(StudyClip.WIDTH - photo.width()) / 2, (StudyClip.HEIGHT - photo.height()) / 2};
    return make(name, photo, n -> n >= fromFrame ? at : null);
  }

  private StudyClip make(String name, StudyPhoto photo, IntFunction<int[]> where)
      throws IOException {
    List<int[]> positions = new ArrayList<>();
    for (int n = 0; n < frames; n++) {
      int[] at = where.apply(n);
      positions.add(at == null ? null : new int[] {at[0] & ~1, at[1] & ~1}); // even: chroma aligns
    }
    Path file = dir.resolve(name + ".mp4");
    encode(file, photo, positions);
    return new StudyClip(name, file, photo, Collections.unmodifiableList(positions));
  }

  private void encode(Path file, StudyPhoto photo, List<int[]> positions) throws IOException {
    List<String> command =
        List.of(
            ffmpeg.toString(),
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "yuv420p",
            "-s",
            StudyClip.WIDTH + "x" + StudyClip.HEIGHT,
            "-r",
            Integer.toString(StudyClip.FPS),
            "-i",
            "pipe:0",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "16",
            "-pix_fmt",
            "yuv420p",
            file.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] frame = new byte[StudyClip.WIDTH * StudyClip.HEIGHT * 3 / 2];
    try {
      try (OutputStream in = process.getOutputStream()) {
        for (int[] at : positions) {
          compose(frame, photo, at);
          in.write(frame);
        }
      }
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException("ffmpeg could not encode " + file);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while encoding " + file);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void compose(byte[] frame, StudyPhoto photo, int[] at) {
    int w = StudyClip.WIDTH;
    int h = StudyClip.HEIGHT;
    int lumaSize = w * h;
    int chromaSize = lumaSize / 4;
    Arrays.fill(frame, 0, lumaSize, BACKGROUND_Y);
    Arrays.fill(frame, lumaSize, lumaSize + chromaSize, BACKGROUND_U);
    Arrays.fill(frame, lumaSize + chromaSize, frame.length, BACKGROUND_V);
    if (at == null) {
      return;
    }
    int pw = photo.width();
    int ph = photo.height();
    paste(photo.i420(), 0, pw, ph, frame, 0, w, h, at[0], at[1]);
    int photoLuma = pw * ph;
    int photoChroma = photoLuma / 4;
    paste(
        photo.i420(),
        photoLuma,
        pw / 2,
        ph / 2,
        frame,
        lumaSize,
        w / 2,
        h / 2,
        at[0] / 2,
        at[1] / 2);
    paste(
        photo.i420(),
        photoLuma + photoChroma,
        pw / 2,
        ph / 2,
        frame,
        lumaSize + chromaSize,
        w / 2,
        h / 2,
        at[0] / 2,
        at[1] / 2);
  }

  /** Copies one plane of the photo into one plane of the frame at (x, y), clipped to the frame. */
  private static void paste(
      byte[] src,
      int srcOffset,
      int sw,
      int sh,
      byte[] dst,
      int dstOffset,
      int dw,
      int dh,
      int x,
      int y) {
    int fromCol = Math.max(0, -x);
    int toCol = Math.min(sw, dw - x);
    if (toCol <= fromCol) {
      return;
    }
    for (int row = Math.max(0, -y); row < sh && y + row < dh; row++) {
      System.arraycopy(
          src,
          srcOffset + row * sw + fromCol,
          dst,
          dstOffset + (y + row) * dw + x + fromCol,
          toCol - fromCol);
    }
  }
}
