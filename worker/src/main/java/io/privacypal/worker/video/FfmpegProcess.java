package io.privacypal.worker.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running ffmpeg/ffprobe with its stderr drained; {@link #kill()} leaves no orphan. */
final class FfmpegProcess implements AutoCloseable {
  private final Process process;
  private final StderrTail stderr;
  private final String name;

  private FfmpegProcess(Process process, String name) {
    this.process = process;
    this.name = name;
    this.stderr = new StderrTail(process.getErrorStream(), name);
  }

  static FfmpegProcess start(List<String> command, String name) throws IOException {
    return new FfmpegProcess(new ProcessBuilder(command).start(), name);
  }

  /** Starts it with its stdout written to {@code stdout}. */
  static FfmpegProcess start(List<String> command, String name, Path stdout) throws IOException {
    return new FfmpegProcess(
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).start(), name);
  }

  Process process() {
    return process;
  }

  /** Waits for the exit, at most {@code seconds}; kills it when it takes longer. */
  int waitFor(long seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new IOException(name + " did not finish within " + seconds + " s");
    }
    return process.exitValue();
  }

  String stderrTail() {
    return stderr.text();
  }

  /** How many lines ffmpeg wrote to stderr; at {@code -v error} each is an error. */
  int stderrLines() {
    return stderr.lines();
  }

  /** The first line ffmpeg wrote to stderr, or null when none. */
  String firstStderrLine() {
    return stderr.first();
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
