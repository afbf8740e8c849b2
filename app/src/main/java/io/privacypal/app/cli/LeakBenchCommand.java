package io.privacypal.app.cli;

import io.privacypal.bench.leak.LeakBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code privacypal bench-leaks [WORK_DIR] [--clips=pan-zoom,...] [--detectors=local,truth]
 * [--keep-outputs]}: leaked
 * face-frames, longest leaked runs and over-blur on generated clips of real photos.
 */
final class LeakBenchCommand implements Command {

  @Override
  public int run(CommandLine line) throws Exception {
    List<String> args = new ArrayList<>(line.arguments());
    // Flags reach the launcher as settings (--clips= is PRIVACYPAL_CLIPS): hand them back.
    Map<String, String> flags = Map.of("PRIVACYPAL_CLIPS", "--clips=", "PRIVACYPAL_DETECTORS", "--detectors=");
    flags.forEach((setting, flag) -> line.config().get(setting).ifPresent(value -> args.add(flag + value)));
    if (line.config().getBoolean("PRIVACYPAL_KEEP_OUTPUTS", false)) {
      args.add("--keep-outputs");
    }
    LeakBenchmark.main(args.toArray(String[]::new));
    return 0;
  }
}
