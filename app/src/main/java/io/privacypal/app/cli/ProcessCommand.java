package io.privacypal.app.cli;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.json.Json;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.DetectorChoosingProcessor;
import io.privacypal.worker.video.InvalidVideoException;
import io.privacypal.worker.pipeline.JobCancelledException;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code privacypal process IN OUT [options]}: exactly the worker's pipeline on one file, no queue.
 * A progress bar on a terminal, then a one-line JSON summary on stdout.
 */
final class ProcessCommand implements Command {
  private final DetectorFactory detectorFactory;

  ProcessCommand(DetectorFactory detectorFactory) {
    this.detectorFactory = detectorFactory;
  }

  @Override
  public int run(CommandLine line) throws Exception {
    if (line.arguments().size() != 2) {
      throw new UsageException(
          "usage: privacypal process INPUT OUTPUT [--detector=local|rekognition] [--blur-mode=mosaic|gaussian|fill]"
              + " [--mask=box|ellipse] [--keyframe-interval=0.1] [--box-scale=1.3] [--regions='[{...}]']");
    }
    Path input = Path.of(line.arguments().get(0)).toAbsolutePath();
    Path output = Path.of(line.arguments().get(1)).toAbsolutePath();
    if (!Files.isRegularFile(input)) {
      throw new UsageException("no such file: " + input);
    }
    if (output.equals(input)) {
      throw new UsageException("the output must not overwrite the input");
    }
    JobOptions options = JobOptionsFlags.read(line.config());
    PipelineSettings settings = PipelineSettings.from(line.config());
    Files.createDirectories(output.getParent());
    Path temp = output.resolveSibling("." + output.getFileName() + "." + UUID.randomUUID() + ".tmp.mp4");
    Cancellation cancellation = new Cancellation();
    Thread onSignal = new Thread(() -> cancellation.cancel("interrupted"));
    Runtime.getRuntime().addShutdownHook(onSignal);
    TerminalProgress bar = new TerminalProgress("anonymizing");
    try (Detectors detectors = detectorFactory.detectors(line.config())) {
      JobStats stats =
          new DetectorChoosingProcessor(detectors, settings)
              .process(
                  new PipelineRequest(input, temp, options),
                  (fraction, soFar) ->
                      bar.update(fraction, soFar == null ? "" : soFar.frames() + " frames"),
                  cancellation);
      bar.done();
      publish(temp, output);
      System.out.println(Json.write(summary(input, output, detectors, options, stats)));
      return 0;
    } catch (InvalidVideoException e) {
      bar.done();
      System.err.println("privacypal: cannot process " + input + ": " + e.getMessage());
      return 1;
    } catch (JobCancelledException e) {
      bar.done();
      System.err.println("privacypal: cancelled");
      return 130;
    } finally {
      Files.deleteIfExists(temp);
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting: the hook has run or is running
      }
    }
  }

  private static void publish(Path temp, Path output) throws java.io.IOException {
    try {
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Map<String, Object> summary(
      Path input, Path output, Detectors detectors, JobOptions options, JobStats stats) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("input", input.toString());
    summary.put("output", output.toString());
    summary.put("detector", (options.detector() == null ? detectors.defaultKind() : options.detector()).json());
    summary.put("frames", stats.frames());
    summary.put("detectorCalls", stats.detectorCalls());
    summary.put("detectorCallsPerVideoMinute", Math.round(stats.detectorCallsPerVideoMinute() * 10) / 10.0);
    summary.put("videoSeconds", Math.round(stats.videoSeconds() * 100) / 100.0);
    summary.put("seconds", Math.round(stats.processingSeconds() * 100) / 100.0);
    summary.put(
        "fps",
        stats.processingSeconds() > 0 ? Math.round(stats.frames() / stats.processingSeconds() * 10) / 10.0 : 0);
    return summary;
  }
}
