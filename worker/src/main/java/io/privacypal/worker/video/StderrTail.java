package io.privacypal.worker.video;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains a process's stderr on its own thread (a full pipe would stall ffmpeg) and keeps the last
 * lines for error messages.
 */
final class StderrTail {
  private static final int KEEP_LINES = 12;

  private final Deque<String> lines = new ArrayDeque<>();
  private final Thread thread;
  private int count;
  private String first;

  StderrTail(InputStream stderr, String name) {
    thread = new Thread(() -> drain(stderr), name + "-stderr");
    thread.setDaemon(true);
    thread.start();
  }

  private void drain(InputStream stderr) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (lines) {
          if (count++ == 0) {
            first = line;
          }
          lines.addLast(line);
          if (lines.size() > KEEP_LINES) {
            lines.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // The pipe was closed under us (the process was killed): keep the fact, nothing else to read.
      synchronized (lines) {
        lines.addLast("(stderr closed: " + e.getMessage() + ")");
      }
    }
  }

  /** How many lines were written (after the process ended: all of them). */
  int lines() {
    text();
    synchronized (lines) {
      return count;
    }
  }

  String first() {
    text();
    synchronized (lines) {
      return first;
    }
  }

  /** Waits briefly for the last lines after the process ended, then returns them. */
  String text() {
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }
}
