package io.privacypal.app.cli;

import io.privacypal.bench.PipelineBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code privacypal bench [WORK_DIR] [--clips=...] [--remote-latency-ms=150] [--runs=3]}: pipeline
 * vs plain ffmpeg, the median of a few runs each.
 */
@Command(
    name = "bench",
    description =
        "Pipeline throughput against a plain ffmpeg transcode, detector calls, peak memory.")
final class BenchCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "WORK_DIR",
      description = "where the clips go (default a temporary directory)")
  Path workDirectory;

  @Option(
      names = "--clips",
      paramLabel = "WxHxS[:pattern|:still],...",
      description =
          "the clips: real faces under a moving camera, or with :pattern ffmpeg's test pattern, with"
              + "  :still colour bars (default 1280x720x10,1920x1080x10)")
  String clips;

  @Option(
      names = "--remote-latency-ms",
      paramLabel = "MS",
      description = "latency of the simulated remote detector (default 150)")
  Long remoteLatencyMillis;

  @Option(
      names = "--runs",
      paramLabel = "N",
      description = "runs per configuration, the median reported (default 3)")
  Integer runs;

  @Override
  public Integer call() throws Exception {
    PipelineBenchmark.main(benchmarkArguments().toArray(String[]::new));
    return 0;
  }

  /** The benchmark's own arguments. */
  List<String> benchmarkArguments() {
    return new ForwardedArguments(workDirectory)
        .with("--clips", clips)
        .with("--remote-latency-ms", remoteLatencyMillis)
        .with("--runs", runs)
        .list();
  }
}
