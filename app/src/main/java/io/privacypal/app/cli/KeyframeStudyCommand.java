package io.privacypal.app.cli;

import io.privacypal.bench.KeyframeIntervalStudy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code privacypal bench-keyframes [WORK_DIR] [--intervals=0.1,0.2,0.3,0.5,1.0] [--seconds=4]
 * [--photo-width=640]}: leaked face-frames against detector calls per keyframe interval.
 */
@Command(
    name = "bench-keyframes",
    description = "Leaked face-frames and detector calls per keyframe interval.")
final class KeyframeStudyCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "WORK_DIR",
      description = "where the clips go (default a temporary directory)")
  Path workDirectory;

  @Option(
      names = "--intervals",
      paramLabel = "SECONDS,...",
      description = "keyframe intervals to compare (default 0.1,0.2,0.3,0.5,1.0)")
  String intervals;

  @Option(
      names = "--seconds",
      paramLabel = "SECONDS",
      description = "length of each clip (default 4)")
  Double seconds;

  @Option(
      names = "--photo-width",
      paramLabel = "PIXELS",
      description = "width of the moving photos (default 640)")
  Integer photoWidth;

  @Override
  public Integer call() throws Exception {
    KeyframeIntervalStudy.main(studyArguments().toArray(String[]::new));
    return 0;
  }

  /** The study's own arguments. */
  List<String> studyArguments() {
    return new ForwardedArguments(workDirectory)
        .with("--intervals", intervals)
        .with("--seconds", seconds)
        .with("--photo-width", photoWidth)
        .list();
  }
}
