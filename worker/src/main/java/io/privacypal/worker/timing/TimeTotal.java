package io.privacypal.worker.timing;

import io.privacypal.common.job.StageTime;
import java.util.concurrent.atomic.LongAdder;

/** The wall and CPU time a stage has taken so far, summed over its laps; safe from any thread. */
public final class TimeTotal {
  private final LongAdder wallNanos = new LongAdder();
  private final LongAdder cpuNanos = new LongAdder();
  private volatile boolean cpuKnown = true;

  /** Counts the time the current thread spent since {@code lap} (taken on this thread). */
  public void add(Lap lap) {
    wallNanos.add(System.nanoTime() - lap.wallNanos());
    long cpu = Lap.threadCpuNanos();
    if (cpu < 0 || lap.cpuNanos() < 0) {
      cpuKnown = false;
    } else {
      cpuNanos.add(cpu - lap.cpuNanos());
    }
  }

  public StageTime time() {
    return StageTime.ofNanos(wallNanos.sum(), cpuKnown ? cpuNanos.sum() : null);
  }
}
