package io.privacypal.worker.video;

import io.privacypal.common.job.StageTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running ffmpeg/ffprobe with its stderr drained; {@link #kill()} leaves no orphan. Its CPU
 * time is read while it runs ({@link #sampleCpu()}), since an exited process no longer tells.
 */
final class FfmpegProcess implements AutoCloseable {
  /** While waiting for the exit, the CPU time is read this often: the last slice goes uncounted. */
  private static final long CPU_SAMPLE_MILLIS = 10;

  private final Process process;
  private final StderrTail stderr;
  private final String name;
  private final long startedNanos = System.nanoTime();
  private volatile long endedNanos;
  private volatile Duration cpu;

  private FfmpegProcess(Process process, String name) {
    this.process = process;
    this.name = name;
    this.stderr = new StderrTail(process.getErrorStream(), name);
  }

  static FfmpegProcess start(List<String> command, String name) throws IOException {
    return new FfmpegProcess(new ProcessBuilder(command).start(), name);
  }

  /** Starts it as {@code builder} says (its redirects). */
  static FfmpegProcess start(ProcessBuilder builder, String name) throws IOException {
    return new FfmpegProcess(builder.start(), name);
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    sampleCpu();
    while (!process.waitFor(CPU_SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
      sampleCpu();
      if (System.nanoTime() - deadline > 0) {
        kill();
        throw new IOException(name + " did not finish within " + seconds + " s");
      }
    }
    ended();
    return process.exitValue();
  }

  /** Reads the CPU time the process has used so far (cheap: one read of /proc on Linux). */
  void sampleCpu() {
    process.toHandle().info().totalCpuDuration().ifPresent(used -> cpu = used);
  }

  /** Marks the end of its work (its exit, or the end of its output), once. */
  void ended() {
    if (endedNanos == 0) {
      endedNanos = System.nanoTime();
    }
  }

  /** From its start to {@link #ended()} (or now), and the CPU time last read (null if never). */
  StageTime time() {
    long end = endedNanos == 0 ? System.nanoTime() : endedNanos;
    Duration used = cpu;
    return StageTime.ofNanos(end - startedNanos, used == null ? null : used.toNanos());
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
      sampleCpu();
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
