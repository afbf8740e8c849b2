package io.privacypal.app.cli;

import io.privacypal.bench.KeyframeIntervalStudy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code privacypal bench-keyframes [WORK_DIR] [--intervals=0.1,0.2,0.3,0.5,1.0] [--seconds=4]
 * [--photo-width=640]}: leaked face-frames against detector calls per keyframe interval.
 */
final class KeyframeStudyCommand implements Command {

  @Override
  public int run(CommandLine line) throws Exception {
    List<String> args = new ArrayList<>(line.arguments());
    // Flags reach the launcher as settings (--intervals= is PRIVACYPAL_INTERVALS): hand them back.
    Map<String, String> flags =
        Map.of("PRIVACYPAL_INTERVALS", "--intervals=", "PRIVACYPAL_SECONDS", "--seconds=",
            "PRIVACYPAL_PHOTO_WIDTH", "--photo-width=");
    flags.forEach((setting, flag) -> line.config().get(setting).ifPresent(value -> args.add(flag + value)));
    KeyframeIntervalStudy.main(args.toArray(String[]::new));
    return 0;
  }
}
