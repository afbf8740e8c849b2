package io.privacypal.worker.pipeline;

import io.privacypal.common.job.JobStats;
import java.util.function.Supplier;

/** Passes progress on at most four times a second, and always the final figure. */
final class ProgressThrottle {
  private static final long MIN_INTERVAL_NANOS = 250_000_000L;

  private final ProgressListener listener;
  private long lastReport = Long.MIN_VALUE;

  ProgressThrottle(ProgressListener listener) {
    this.listener = listener;
  }

  /** {@code soFar} is asked only when the report goes out. */
  void report(double fraction, Supplier<JobStats> soFar) {
    long now = System.nanoTime();
    if (lastReport == Long.MIN_VALUE || now - lastReport >= MIN_INTERVAL_NANOS) {
      lastReport = now;
      listener.onProgress(fraction, soFar.get());
    }
  }

  void done(JobStats stats) {
    lastReport = System.nanoTime();
    listener.onProgress(1.0, stats);
  }
}
