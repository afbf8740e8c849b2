package io.privacypal.bench;

import io.privacypal.common.job.JobStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One benchmark run of one configuration: its wall time, its CPU time where known (the plain
 * transcode's), the pipeline's stats (none for the plain transcode) and its peak memory.
 */
record BenchRun(double seconds, Double cpuSeconds, JobStats stats, String memory) {

  double fps(long frames) {
    return frames / seconds;
  }

  /** The run in the middle by wall time (of an even number, the faster of the middle two). */
  static BenchRun median(List<BenchRun> runs) {
    List<BenchRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(BenchRun::seconds));
    return sorted.get((sorted.size() - 1) / 2);
  }
}
