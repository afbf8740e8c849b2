package io.privacypal.common.job;

/**
 * The time one stage of a job took: wall seconds, and CPU seconds where the platform can tell
 * ({@code null} otherwise, or for a stage that only waits).
 */
public record StageTime(double wallSeconds, Double cpuSeconds) {

  /** From nanoseconds, to the millisecond (finer would only be noise). */
  public static StageTime ofNanos(long wallNanos, Long cpuNanos) {
    return new StageTime(millis(wallNanos), cpuNanos == null ? null : millis(cpuNanos));
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e6) / 1e3;
  }
}
