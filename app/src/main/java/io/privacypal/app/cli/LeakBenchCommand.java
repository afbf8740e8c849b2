package io.privacypal.app.cli;

import io.privacypal.bench.leak.LeakBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code privacypal bench-leaks [WORK_DIR] [--clips=pan-zoom,...] [--detectors=local,truth]
 * [--options-json=JSON] [--keep-outputs]}: leaked face-frames, longest leaked runs and over-blur on
 * generated clips of real photos.
 */
@Command(
    name = "bench-leaks",
    description = "Leaked face-frames, longest leaked runs and over-blur per clip and detector.")
final class LeakBenchCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "WORK_DIR",
      description = "where the clips are rendered and cached (default a temporary directory)")
  Path workDirectory;

  @Option(
      names = "--clips",
      paramLabel = "NAME,...",
      description =
          "the clips (default all: pan-zoom, turned-heads, sizes, fast-edges, crossing, scene-cut, long-1080p)")
  String clips;

  @Option(
      names = "--detectors",
      paramLabel = "NAME,...",
      description = "local and/or truth, the exact boxes (default local,truth)")
  String detectors;

  @Option(
      names = "--options-json",
      paramLabel = "JSON",
      description =
          "job options for every run, as in a job message: '{\"mask\":\"ellipse\"}' (default the"
              + " job defaults)")
  String optionsJson;

  @Option(
      names = "--keep-outputs",
      arity = "0..1",
      fallbackValue = "true",
      description = "keep the anonymized outputs beside the clips")
  boolean keepOutputs;

  @Override
  public Integer call() throws Exception {
    LeakBenchmark.main(benchmarkArguments().toArray(String[]::new));
    return 0;
  }

  /** The benchmark's own arguments. */
  List<String> benchmarkArguments() {
    return new ForwardedArguments(workDirectory)
        .with("--clips", clips)
        .with("--detectors", detectors)
        .with("--options-json", optionsJson)
        .withSwitch("--keep-outputs", keepOutputs)
        .list();
  }
}
