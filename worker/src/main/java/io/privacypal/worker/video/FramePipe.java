package io.privacypal.worker.video;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frames' way between the JVM and one ffmpeg: a named pipe (FIFO) as ffmpeg's stdout or stdin,
 * and a {@link FileChannel} on our end that moves each frame straight between the pipe and the
 * frame's direct buffer. A process's own pipe streams copy a frame twice more (in the JNI call into
 * a native buffer, and between a heap array and the frame): at 1080p the channel took half their
 * CPU (0.074 against 0.15 s for 250 frames, a side).
 *
 * <p>No open waits for the other end: the FIFO is first held open for reading and writing (an open
 * that returns at once on Linux), ffmpeg started on it, our own end opened, and the holder closed.
 * So ffmpeg's exit ends our reads (end of file) and its death fails our writes (broken pipe), as
 * with its own pipes. The FIFO's name, in a directory only this user may enter, is removed once
 * both ends are open.
 */
final class FramePipe {
  private static final long MKFIFO_TIMEOUT_SECONDS = 10;

  private FramePipe() {}

  /** A started ffmpeg and our end of its frames' pipe. */
  record Started(FfmpegProcess ffmpeg, FileChannel channel) {}

  /** Starts ffmpeg writing its stdout into the pipe; we read it. */
  static Started fromStdout(List<String> command, String name) throws IOException {
    return start(command, name, true);
  }

  /** Starts ffmpeg reading its stdin from the pipe; we write it. */
  static Started toStdin(List<String> command, String name) throws IOException {
    return start(command, name, false);
  }

  private static Started start(List<String> command, String name, boolean ffmpegWrites)
      throws IOException {
    Path directory = Files.createTempDirectory("privacypal-frames");
    Path fifo = directory.resolve("frames");
    try {
      make(fifo);
      try (FileChannel holder =
          FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (ffmpegWrites) {
          builder.redirectOutput(Redirect.to(fifo.toFile()));
        } else {
          builder.redirectInput(Redirect.from(fifo.toFile()));
        }
        FfmpegProcess ffmpeg = FfmpegProcess.start(builder, name);
        try {
          return new Started(
              ffmpeg,
              FileChannel.open(
                  fifo, ffmpegWrites ? StandardOpenOption.READ : StandardOpenOption.WRITE));
        } catch (IOException e) {
          ffmpeg.kill();
          throw e;
        }
      }
    } finally {
      Files.deleteIfExists(fifo);
      Files.deleteIfExists(directory);
    }
  }

  /** Closes our end; closing a pipe's end has nothing to report once ffmpeg is gone. */
  static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing is lost: the frames it carried were all read or written, or the job failed.
    }
  }

  private static void make(Path fifo) throws IOException {
    Process mkfifo =
        new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
            .redirectErrorStream(true)
            .start();
    try {
      if (!mkfifo.waitFor(MKFIFO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("mkfifo did not make the frames' pipe in time");
      }
      if (mkfifo.exitValue() != 0) {
        throw new IOException(
            "mkfifo could not make the frames' pipe: "
                + new String(mkfifo.getInputStream().readNBytes(500), StandardCharsets.UTF_8)
                    .strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the frames' pipe", e);
    } finally {
      mkfifo.destroyForcibly();
    }
  }
}
