package io.privacypal.worker.testing;

import io.privacypal.common.detect.KeyframeImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Decodes images and videos with ffmpeg into raw pixels, so tests can compare what they see. */
public final class RawFrames {
  private RawFrames() {}

  /**
   * An image (or a video's first frame) scaled to {@code width}x{@code height}, as a detector
   * input.
   */
  public static KeyframeImage i420(Path image, int width, int height) throws IOException {
    byte[] bytes =
        ffmpeg(
            "-i",
            image.toString(),
            "-frames:v",
            "1",
            "-vf",
            "scale=" + width + ":" + height,
            "-pix_fmt",
            "yuv420p",
            "-f",
            "rawvideo",
            "pipe:1");
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(bytes).flip();
    return new KeyframeImage(width, height, buffer, 0);
  }

  /** Every frame of a video as 8-bit grey, {@code width*height} bytes each. */
  public static List<byte[]> gray(Path video, int width, int height) throws IOException {
    byte[] all =
        ffmpeg(
            "-i",
            video.toString(),
            "-map",
            "0:v:0",
            "-fps_mode",
            "passthrough",
            "-pix_fmt",
            "gray",
            "-f",
            "rawvideo",
            "pipe:1");
    int size = width * height;
    if (all.length % size != 0) {
      throw new IOException(
          "decoded " + all.length + " bytes, not whole " + width + "x" + height + " frames");
    }
    List<byte[]> frames = new ArrayList<>();
    for (int offset = 0; offset < all.length; offset += size) {
      byte[] frame = new byte[size];
      System.arraycopy(all, offset, frame, 0, size);
      frames.add(frame);
    }
    return frames;
  }

  /** Mean absolute difference of two grey frames inside a rectangle (clamped to the frame). */
  public static double meanAbsDiff(
      byte[] a, byte[] b, int width, int height, int x, int y, int w, int h) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(width, x + w);
    int y1 = Math.min(height, y + h);
    long sum = 0;
    long count = 0;
    for (int row = y0; row < y1; row++) {
      for (int col = x0; col < x1; col++) {
        int i = row * width + col;
        sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        count++;
      }
    }
    return count == 0 ? 0 : (double) sum / count;
  }

  static byte[] ffmpeg(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  /** Runs a command and returns its stdout; fails when it exits with an error. */
  /**
   * A one-second 25 fps clip of {@code photo}, passed through {@code filter} (an ffmpeg filter
   * chain ending in {@code [p]}), laid at ({@code x}, {@code y}) on a plain {@code width}x{@code
   * height} background.
   */
  public static void stillClip(
      Path photo, String filter, int x, int y, int width, int height, Path out) throws IOException {
    run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "color=c=0x305070:s=" + width + "x" + height + ":r=25:d=1",
        "-loop",
        "1",
        "-i",
        photo.toString(),
        "-filter_complex",
        "[1]" + filter + ";[0][p]overlay=" + x + ":" + y + ":shortest=1",
        "-t",
        "1",
        "-pix_fmt",
        "yuv420p",
        "-c:v",
        "libx264",
        "-crf",
        "12",
        out.toString());
  }

  public static byte[] run(String... args) throws IOException {
    List<String> command = List.of(args);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (InputStream out = process.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      out.transferTo(bytes);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException("ffmpeg failed: " + command);
      }
      return bytes.toByteArray();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      process.destroyForcibly();
    }
  }
}
