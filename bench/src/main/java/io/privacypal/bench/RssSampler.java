package io.privacypal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the resident memory of this JVM and of its child processes (ffmpeg) every few
 * milliseconds and keeps the peaks, from /proc (Linux only).
 */
final class RssSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 50;

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakJvmKb;
  private volatile long peakChildrenKb;
  private volatile long peakTotalKb;

  RssSampler() {
    thread = new Thread(this::loop, "rss-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      long jvm = rssKb(ProcessHandle.current().pid());
      long children = ProcessHandle.current().descendants().mapToLong(p -> rssKb(p.pid())).sum();
      peakJvmKb = Math.max(peakJvmKb, jvm);
      peakChildrenKb = Math.max(peakChildrenKb, children);
      peakTotalKb = Math.max(peakTotalKb, jvm + children);
      try {
        Thread.sleep(PERIOD_MILLIS); // a sampling period, not a wait for a condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0; // the process ended between listing and reading: it uses nothing now
    }
    return 0;
  }

  String peaks() {
    return String.format(
        "peak RSS total %d MiB (JVM %d MiB, ffmpeg children %d MiB)",
        peakTotalKb / 1024, peakJvmKb / 1024, peakChildrenKb / 1024);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
