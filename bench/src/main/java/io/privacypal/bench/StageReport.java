package io.privacypal.bench;

import io.privacypal.common.job.StageTime;
import java.util.Map;
import java.util.StringJoiner;

/** A job's stages on one line: {@code name wall/CPU} in seconds, {@code -} where CPU is unknown. */
final class StageReport {
  private StageReport() {}

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
