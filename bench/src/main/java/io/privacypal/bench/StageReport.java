package io.privacypal.bench;

import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.StageTime;
import java.util.Map;
import java.util.StringJoiner;

/** A job's stages on one line: {@code name wall/CPU} in seconds, {@code -} where CPU is unknown. */
final class StageReport {
  private StageReport() {}

  /**
   * {@code , N ms detect CPU a call}: the calling thread's CPU per detector call (what OpenCV runs
   * on threads of its own shows only in {@code jvm}); empty when there were no calls or no CPU.
   */
  static String detectPerCall(JobStats stats) {
    StageTime detect = stats.stages() == null ? null : stats.stages().get("detect");
    if (detect == null || detect.cpuSeconds() == null || stats.detectorCalls() == 0) {
      return "";
    }
    return String.format(
        ", %.0f ms detect CPU a call", 1000 * detect.cpuSeconds() / stats.detectorCalls());
  }

  static String line(Map<String, StageTime> stages) {
    if (stages == null) {
      return "(not measured)";
    }
    StringJoiner line = new StringJoiner(", ");
    stages.forEach(
        (name, time) ->
            line.add(
                String.format(
                    "%s %.2f/%s",
                    name,
                    time.wallSeconds(),
                    time.cpuSeconds() == null ? "-" : String.format("%.2f", time.cpuSeconds()))));
    return line.toString();
  }
}
