package io.privacypal.bench;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.pipeline.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times the anonymizing pipeline against a plain ffmpeg transcode of the same input (same x264
 * preset and crf, audio copied) on generated 720p and 1080p clips, and prints frames per second,
 * the ratio, detector calls per video minute and peak memory; then the pipeline with a simulated
 * remote detector (a fixed latency per call, no faces) keeping 1 and 4 calls in flight. Not a test:
 * figures only.
 *
 * <p>Run: {@code java -cp <bench classpath> io.privacypal.bench.PipelineBenchmark [workDir]
 * [--clips=1280x720x10,1280x720x10:still,1920x1080x10,1920x1080x60] [--remote-latency-ms=150]} (0
 * skips the remote runs; see {@link BenchClip} for the clips)
 */
public final class PipelineBenchmark {
  private static final int[] REMOTE_IN_FLIGHT = {1, 4};

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 && !args[0].startsWith("--")
            ? Path.of(args[0])
            : Files.createTempDirectory("privacypal-bench");
    String clips = "1280x720x10,1280x720x10:still,1920x1080x10,1920x1080x60";
    long remoteLatencyMillis = 150;
    for (String arg : args) {
      if (arg.startsWith("--clips=")) {
        clips = arg.substring("--clips=".length());
      } else if (arg.startsWith("--remote-latency-ms=")) {
        remoteLatencyMillis = Long.parseLong(arg.substring("--remote-latency-ms=".length()));
      }
    }
    Files.createDirectories(work);
    PipelineSettings settings = PipelineSettings.from(ConfigSource.fromEnvironment());
    System.out.printf(
        "x264 preset %s crf %d, %d CPUs, work dir %s%n",
        settings.x264Preset(),
        settings.x264Crf(),
        Runtime.getRuntime().availableProcessors(),
        work);
    try (OpenCvFaceDetector detector = new OpenCvFaceDetector()) {
      AnonymizePipeline pipeline = new AnonymizePipeline(detector, settings);
      for (String text : clips.split(",")) {
        BenchClip clip = BenchClip.parse(text);
        run(pipeline, settings, work, clip);
        if (remoteLatencyMillis > 0) {
          runRemote(settings, work, clip, remoteLatencyMillis);
        }
      }
    }
  }

  private static void run(
      AnonymizePipeline pipeline, PipelineSettings settings, Path work, BenchClip clip)
      throws Exception {
    int width = clip.width();
    int height = clip.height();
    int seconds = clip.seconds();
    Path input = clip.file(work);
    if (!Files.exists(input)) {
      ffmpeg(
          settings,
          "-f",
          "lavfi",
          "-i",
          clip.source(),
          "-f",
          "lavfi",
          "-i",
          "sine=frequency=440:sample_rate=48000:duration=" + seconds,
          "-c:v",
          "libx264",
          "-preset",
          "ultrafast",
          "-crf",
          "18",
          "-pix_fmt",
          "yuv420p",
          "-c:a",
          "aac",
          input.toString());
    }
    long frames = clip.frames();

    Path plainOut = work.resolve("plain.mp4");
    String plainRss;
    long started = System.nanoTime();
    try (RssSampler rss = new RssSampler()) {
      ffmpeg(
          settings,
          "-i",
          input.toString(),
          "-c:v",
          "libx264",
          "-preset",
          settings.x264Preset(),
          "-crf",
          Integer.toString(settings.x264Crf()),
          "-c:a",
          "copy",
          plainOut.toString());
      plainRss = rss.peaks();
    }
    double plainSeconds = (System.nanoTime() - started) / 1e9;

    Path out = work.resolve("anonymized.mp4");
    JobStats stats;
    String pipelineRss;
    try (RssSampler rss = new RssSampler()) {
      stats =
          pipeline.process(
              new PipelineRequest(input, out, JobOptions.defaults()),
              ProgressListener.NONE,
              new Cancellation());
      pipelineRss = rss.peaks();
    }
    // The same pipeline with one fixed region and no detector: what decode, blur and encode cost.
    JobOptions regionOnly =
        JobOptions.defaults().withRegions(List.of(BlurRegion.of(0, 0, width / 4, height / 4)));
    regionOnly =
        new JobOptions(
            false,
            regionOnly.regions(),
            regionOnly.blurMode(),
            regionOnly.mask(),
            regionOnly.keyframeIntervalSeconds(),
            regionOnly.boxScale(),
            null);
    JobStats noDetection =
        pipeline.process(
            new PipelineRequest(input, out, regionOnly), ProgressListener.NONE, new Cancellation());
    Files.deleteIfExists(out);

    double plainFps = frames / plainSeconds;
    double pipelineFps = stats.frames() / stats.processingSeconds();
    System.out.printf(
        "%s: pipeline %.1f fps (%.1f s), plain transcode %.1f fps (%.1f s), pipeline/plain %.2f,"
            + " %.0f detector calls per video minute; without detection %.1f fps%n"
            + "  pipeline %s%n  plain    %s%n",
        clip.label(),
        pipelineFps,
        stats.processingSeconds(),
        plainFps,
        plainSeconds,
        pipelineFps / plainFps,
        stats.detectorCallsPerVideoMinute(),
        noDetection.frames() / noDetection.processingSeconds(),
        pipelineRss,
        plainRss);
    Files.deleteIfExists(plainOut);
    Files.deleteIfExists(out);
  }

  /** The same clip with a simulated remote detector, one call in flight and then several. */
  private static void runRemote(
      PipelineSettings settings, Path work, BenchClip clip, long latencyMillis) throws Exception {
    Path input = clip.file(work);
    Path out = work.resolve("anonymized-remote.mp4");
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s: simulated remote detector (%d ms a call):", clip.label(), latencyMillis));
    for (int inFlight : REMOTE_IN_FLIGHT) {
      JobStats stats =
          new AnonymizePipeline(new SimulatedRemoteDetector(latencyMillis, inFlight), settings)
              .process(
                  new PipelineRequest(input, out, JobOptions.defaults()),
                  ProgressListener.NONE,
                  new Cancellation());
      line.append(
          String.format(
              " %d in flight %.1f fps (%.1f s, %d calls);",
              inFlight,
              stats.frames() / stats.processingSeconds(),
              stats.processingSeconds(),
              stats.detectorCalls()));
    }
    Files.deleteIfExists(out);
    System.out.println(line.substring(0, line.length() - 1));
  }

  private static void ffmpeg(PipelineSettings settings, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(settings.ffmpeg().toString(), "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).inheritIO().start();
    try {
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException("ffmpeg failed: " + command);
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
