package io.privacypal.app.cli;

import io.privacypal.bench.SegmentBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code privacypal bench-segments [WORK_DIR] [--clip=1280x720x600] [--segment-seconds=60]}: a clip
 * run whole and split, the overhead of splitting and the modelled time to result.
 */
@Command(
    name = "bench-segments",
    description = "Single run against split run: CPU overhead, modelled time to result.")
final class SegmentBenchCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "WORK_DIR",
      description = "where the clip and outputs go (default a temporary directory)")
  Path workDirectory;

  @Option(
      names = "--clip",
      paramLabel = "WxHxSECONDS",
      description = "the clip to render and run (default 1280x720x600)")
  String clip;

  @Option(
      names = "--segment-seconds",
      paramLabel = "SECONDS",
      description = "segment length of the split run (default 60)")
  Double segmentSeconds;

  @Override
  public Integer call() throws Exception {
    SegmentBenchmark.main(benchmarkArguments().toArray(String[]::new));
    return 0;
  }

  List<String> benchmarkArguments() {
    return new ForwardedArguments(workDirectory)
        .with("--clip", clip)
        .with("--segment-seconds", segmentSeconds)
        .list();
  }
}
