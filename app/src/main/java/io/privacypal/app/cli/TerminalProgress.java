package io.privacypal.app.cli;

import java.io.PrintStream;

/** A one-line progress bar on a terminal; silent when output is not a terminal (logs, pipes). */
final class TerminalProgress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean enabled;
  private final String label;

  TerminalProgress(String label) {
    this.out = System.err;
    this.enabled = System.console() != null;
    this.label = label;
  }

  void update(double fraction, String detail) {
    if (!enabled) {
      return;
    }
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.round(f * WIDTH);
    out.printf(
        "\r%s [%s%s] %3d%% %s",
        label, "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(f * 100), detail);
    out.flush();
  }

  void done() {
    if (enabled) {
      out.println();
    }
  }
}
