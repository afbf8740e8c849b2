package io.privacypal.app.cli;

import io.privacypal.bench.PipelineBenchmark;
import java.util.ArrayList;
import java.util.List;

/** {@code privacypal bench [WORK_DIR] [--clips=1280x720x10,1280x720x10:still,1920x1080x60]}: pipeline vs plain ffmpeg. */
final class BenchCommand implements Command {

  @Override
  public int run(CommandLine line) throws Exception {
    List<String> args = new ArrayList<>(line.arguments());
    line.config().get("PRIVACYPAL_CLIPS").ifPresent(clips -> args.add("--clips=" + clips));
    PipelineBenchmark.main(args.toArray(String[]::new));
    return 0;
  }
}
