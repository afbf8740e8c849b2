package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.StageTime;
import io.privacypal.common.json.Json;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.DetectorChoosingProcessor;
import io.privacypal.worker.pipeline.JobCancelledException;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.video.InvalidVideoException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code privacypal process IN OUT [options]}: exactly the worker's pipeline on one file, no queue.
 * A progress bar on a terminal, then a one-line JSON summary on stdout.
 */
@Command(
    name = "process",
    description = "Anonymize one file with the worker's pipeline, no queue; prints a JSON summary.")
final class ProcessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "the video to anonymize")
  Path inputArgument;

  @Parameters(index = "1", paramLabel = "OUTPUT", description = "where the anonymized MP4 goes")
  Path outputArgument;

  @Mixin JobOptionsFlags job;
  @Mixin DetectorOptions detector;
  @Mixin PipelineOptions pipeline;
  @Mixin AwsOptions aws;

  @Override
  public Integer call() throws Exception {
    ConfigSource config = CommandSettings.of(spec);
    Path input = inputArgument.toAbsolutePath();
    Path output = outputArgument.toAbsolutePath();
    if (!Files.isRegularFile(input)) {
      throw new UsageException("no such file: " + input);
    }
    if (output.equals(input)) {
      throw new UsageException("the output must not overwrite the input");
    }
    // The detector loads (OpenCV's library, the model, logging's set-up) on a second core while
    // this thread reads the options: it must be ready before the first frame, and is.
    CompletableFuture<Detectors> loading = startDetectors(config);
    JobOptions options;
    PipelineSettings settings;
    try {
      options = JobOptionsFlags.read(config);
      settings = PipelineSettings.from(config);
      Files.createDirectories(output.getParent());
    } catch (Exception e) {
      loading.thenAccept(Detectors::close);
      throw e;
    }
    Path temp =
        output.resolveSibling("." + output.getFileName() + "." + UUID.randomUUID() + ".tmp.mp4");
    Cancellation cancellation = new Cancellation();
    Thread onSignal = new Thread(() -> cancellation.cancel("interrupted"));
    Runtime.getRuntime().addShutdownHook(onSignal);
    TerminalProgress bar = new TerminalProgress("anonymizing");
    try (Detectors detectors = loaded(loading)) {
      double ageAtJobStart = ProcessAge.seconds();
      JobStats stats =
          new DetectorChoosingProcessor(detectors, settings)
              .process(
                  new PipelineRequest(input, temp, options),
                  (fraction, soFar) -> bar.update(fraction, progressNote(soFar)),
                  cancellation);
      bar.done();
      publish(temp, output);
      Map<String, Object> summary = summary(input, output, detectors, options, stats);
      startSeconds(ageAtJobStart, stats).ifPresent(seconds -> summary.put("startSeconds", seconds));
      summary.put("stages", stats.stages());
      spec.commandLine().getOut().println(Json.write(summary));
      return 0;
    } catch (InvalidVideoException e) {
      bar.done();
      spec.commandLine()
          .getErr()
          .println("privacypal: cannot process " + input + ": " + e.getMessage());
      return 1;
    } catch (JobCancelledException e) {
      bar.done();
      spec.commandLine().getErr().println("privacypal: cancelled");
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

  private static CompletableFuture<Detectors> startDetectors(ConfigSource config) {
    return CompletableFuture.supplyAsync(
        () -> Detectors.start(config),
        task -> {
          Thread thread = new Thread(task, "detector-load");
          thread.setDaemon(true);
          thread.start();
        });
  }

  /** The loaded detectors, or what stopped them loading (a ConfigException says how to fix it). */
  private static Detectors loaded(CompletableFuture<Detectors> loading) {
    try {
      return loading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static String progressNote(JobStats soFar) {
    if (soFar == null) {
      return "";
    }
    return soFar.frames()
        + " frames"
        + (soFar.secondsLeft() == null ? "" : String.format(", ~%.0f s left", soFar.secondsLeft()));
  }

  /**
   * From the process's start (the launcher script's, as it execs java) to the first decoded frame:
   * what a user waits before anything happens.
   */
  private static Optional<Double> startSeconds(double ageAtJobStart, JobStats stats) {
    StageTime firstFrame = stats.stages() == null ? null : stats.stages().get("firstFrame");
    if (firstFrame == null) {
      return Optional.empty();
    }
    return Optional.of(Math.round((ageAtJobStart + firstFrame.wallSeconds()) * 100) / 100.0);
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
    summary.put(
        "detector",
        (options.detector() == null ? detectors.defaultKind() : options.detector()).json());
    summary.put("frames", stats.frames());
    summary.put("detectorCalls", stats.detectorCalls());
    summary.put(
        "detectorCallsPerVideoMinute", Math.round(stats.detectorCallsPerVideoMinute() * 10) / 10.0);
    summary.put("videoSeconds", Math.round(stats.videoSeconds() * 100) / 100.0);
    summary.put("seconds", Math.round(stats.processingSeconds() * 100) / 100.0);
    summary.put(
        "fps",
        stats.processingSeconds() > 0
            ? Math.round(stats.frames() / stats.processingSeconds() * 10) / 10.0
            : 0);
    return summary;
  }
}
