package io.privacypal.worker.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A moment on the current thread: its wall clock and its own CPU time. {@link TimeTotal#add} counts
 * what the thread spent since then.
 */
public record Lap(long wallNanos, long cpuNanos) {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_KNOWN = THREADS.isCurrentThreadCpuTimeSupported();

  public static Lap start() {
    return new Lap(System.nanoTime(), threadCpuNanos());
  }

  /** The current thread's CPU time so far, or -1 where the JVM cannot tell. */
  static long threadCpuNanos() {
    return CPU_KNOWN ? THREADS.getCurrentThreadCpuTime() : -1;
  }
}
