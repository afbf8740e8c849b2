package io.privacypal.worker.video;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running ffmpeg/ffprobe with its stderr drained; {@link #kill()} leaves no orphan. */
final class FfmpegProcess implements AutoCloseable {
  private final Process process;
  private final StderrTail stderr;

  private FfmpegProcess(Process process, String name) {
    this.process = process;
    this.stderr = new StderrTail(process.getErrorStream(), name);
  }

  static FfmpegProcess start(List<String> command, String name) throws IOException {
    return new FfmpegProcess(new ProcessBuilder(command).start(), name);
  }

  Process process() {
    return process;
  }

  /** Waits for the exit, at most {@code seconds}; kills it when it takes longer. */
  int waitFor(long seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new IOException("ffmpeg did not finish within " + seconds + " s");
    }
    return process.exitValue();
  }

  String stderrTail() {
    return stderr.text();
  }

  /** Kills the process and reaps it, so no zombie or orphan stays behind. */
  void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
