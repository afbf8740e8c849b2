package io.privacypal.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short ffmpeg/ffprobe runs of the keyframe study whose whole output fits in memory. */
final class FfmpegRun {
  private FfmpegRun() {}

  static byte[] ffmpeg(Path ffmpeg, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-v", "error"));
    command.addAll(List.of(args));
    return output(command);
  }

  private static byte[] output(List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (InputStream out = process.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      out.transferTo(bytes);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException("failed: " + command);
      }
      return bytes.toByteArray();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + command.get(0));
    } finally {
      process.destroyForcibly();
    }
  }

  /** Width and height of an image. */
  static int[] imageSize(Path ffprobe, Path image) throws IOException {
    String[] parts =
        new String(
                output(
                    List.of(
                        ffprobe.toString(),
                        "-v",
                        "error",
                        "-select_streams",
                        "v:0",
                        "-show_entries",
                        "stream=width,height",
                        "-of",
                        "csv=p=0",
                        image.toString())),
                StandardCharsets.US_ASCII)
            .trim()
            .split(",");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }
}
