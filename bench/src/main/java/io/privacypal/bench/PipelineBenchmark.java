package io.privacypal.bench;

import io.privacypal.bench.leak.LeakBenchmark;
import io.privacypal.bench.leak.TruthDetector;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceDetector;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the anonymizing pipeline against a plain ffmpeg transcode of the same input (same x264
 * preset and crf, audio copied) on generated 720p and 1080p clips (by default real photos of people
 * under a moving camera, see {@link BenchClip}): with the local detector, with detection off (one
 * fixed region), and with a simulated remote detector (a fixed latency per call, no faces) keeping
 * 1 and 4 calls in flight. Each configuration runs {@code --runs} times, interleaved so that a busy
 * spell of the machine hits all alike, and the median run is reported: frames per second, its ratio
 * to the plain transcode's, detector calls per video minute, peak memory, and the per-stage
 * wall/CPU breakdown. Not a test: figures only.
 *
 * <p>Run: {@code java -cp <bench classpath> io.privacypal.bench.PipelineBenchmark [workDir]
 * [--clips=1280x720x10,1920x1080x10,1920x1080x60,1280x720x10:pattern] [--remote-latency-ms=150]
 * [--runs=3]} (latency 0 skips the remote runs; see {@link BenchClip} for the clips)
 */
public final class PipelineBenchmark {
  private static final int[] REMOTE_IN_FLIGHT = {1, 4};

  /**
   * Faces and a moving camera at 720p and 1080p, ten seconds each: about five minutes on two quiet
   * cores with three runs (a minute at 1080p, {@code 1920x1080x60}, adds about three times that).
   */
  static final String DEFAULT_CLIPS = "1280x720x10,1920x1080x10";

  private static final Pattern CPU = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");

  private final PipelineSettings settings;
  private final Path work;
  private final long remoteLatencyMillis;
  private final int runs;
  private final LeakBenchmark leaks;

  PipelineBenchmark(PipelineSettings settings, Path work, long remoteLatencyMillis, int runs) {
    this.settings = settings;
    this.work = work;
    this.remoteLatencyMillis = remoteLatencyMillis;
    this.runs = runs;
    this.leaks = new LeakBenchmark(work, settings);
  }

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 && !args[0].startsWith("--")
            ? Path.of(args[0])
            : Files.createTempDirectory("privacypal-bench");
    String clips = DEFAULT_CLIPS;
    long remoteLatencyMillis = 150;
    int runs = 3;
    for (String arg : args) {
      if (arg.startsWith("--clips=")) {
        clips = arg.substring("--clips=".length());
      } else if (arg.startsWith("--remote-latency-ms=")) {
        remoteLatencyMillis = Long.parseLong(arg.substring("--remote-latency-ms=".length()));
      } else if (arg.startsWith("--runs=")) {
        runs = Math.max(1, Integer.parseInt(arg.substring("--runs=".length())));
      }
    }
    Files.createDirectories(work);
    PipelineSettings settings = PipelineSettings.from(ConfigSource.fromEnvironment());
    System.out.printf(
        "x264 preset %s crf %d, %d CPUs, median of %d runs, work dir %s%n"
            + "stages: wall/CPU seconds (see the README's Benchmarks for what each is)%n",
        settings.x264Preset(),
        settings.x264Crf(),
        Runtime.getRuntime().availableProcessors(),
        runs,
        work);
    PipelineBenchmark bench = new PipelineBenchmark(settings, work, remoteLatencyMillis, runs);
    try (OpenCvFaceDetector detector = new OpenCvFaceDetector()) {
      for (String text : clips.split(",")) {
        bench.run(new AnonymizePipeline(detector, settings), BenchClip.parse(text));
      }
    }
  }

  /** A configuration of the pipeline: what it runs with, and what it is called in the report. */
  private record Configuration(String label, AnonymizePipeline pipeline, JobOptions options) {}

  /**
   * Runs every configuration on the clip and prints the medians; returns them by label, the plain
   * transcode first.
   */
  Map<String, BenchRun> run(AnonymizePipeline local, BenchClip clip) throws Exception {
    Path input = input(clip);
    // On clips with faces the simulated remote detector answers their true boxes.
    FaceDetector remoteAnswers =
        clip.picture() == BenchClip.Picture.FACES
            ? new TruthDetector(leaks.movingCamera(clip.width(), clip.height(), clip.seconds()))
            : null;
    List<Configuration> configurations = new ArrayList<>();
    configurations.add(new Configuration("local detector", local, JobOptions.defaults()));
    configurations.add(new Configuration("detection off", local, regionOnly(clip)));
    if (remoteLatencyMillis > 0) {
      for (int inFlight : REMOTE_IN_FLIGHT) {
        configurations.add(
            new Configuration(
                String.format("remote %d ms, %d in flight", remoteLatencyMillis, inFlight),
                new AnonymizePipeline(
                    new SimulatedRemoteDetector(remoteLatencyMillis, inFlight, remoteAnswers),
                    settings),
                JobOptions.defaults()));
      }
    }
    List<BenchRun> plainRuns = new ArrayList<>();
    Map<Configuration, List<BenchRun>> pipelineRuns = new LinkedHashMap<>();
    for (int n = 0; n < runs; n++) {
      plainRuns.add(plain(input));
      for (Configuration configuration : configurations) {
        pipelineRuns
            .computeIfAbsent(configuration, c -> new ArrayList<>())
            .add(pipeline(configuration, input));
      }
    }
    long frames = clip.frames();
    BenchRun plain = BenchRun.median(plainRuns);
    Map<String, BenchRun> medians = new LinkedHashMap<>();
    medians.put("plain transcode", plain);
    System.out.printf(
        "%s: plain transcode %.1f fps (%.1f s, CPU %s s), %s%n",
        clip.label(),
        plain.fps(frames),
        plain.seconds(),
        plain.cpuSeconds() == null ? "?" : String.format("%.2f", plain.cpuSeconds()),
        plain.memory());
    pipelineRuns.forEach(
        (configuration, measured) -> {
          BenchRun median = BenchRun.median(measured);
          medians.put(configuration.label(), median);
          JobStats stats = median.stats();
          System.out.printf(
              "  %-28s %6.1f fps, %.2f of plain (%.1f s), %.0f detector calls per video minute%s,"
                  + " %s%n    stages: %s%n",
              configuration.label(),
              median.fps(stats.frames()),
              median.fps(stats.frames()) / plain.fps(frames),
              median.seconds(),
              stats.detectorCallsPerVideoMinute(),
              StageReport.detectPerCall(stats),
              median.memory(),
              StageReport.line(stats.stages()));
        });
    Files.deleteIfExists(work.resolve("plain.mp4"));
    Files.deleteIfExists(work.resolve("anonymized.mp4"));
    return medians;
  }

  /** The clip's file in the work directory, rendered on first use. */
  private Path input(BenchClip clip) throws IOException, InterruptedException {
    if (clip.picture() == BenchClip.Picture.FACES) {
      long started = System.nanoTime();
      Path file = leaks.movingCamera(clip.width(), clip.height(), clip.seconds()).file();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (seconds >= 1) {
        System.out.printf("%s: rendered in %.0f s%n", clip.label(), seconds);
      }
      return file;
    }
    Path file = clip.patternFile(work);
    if (!Files.exists(file)) {
      render(clip, file);
    }
    return file;
  }

  private BenchRun pipeline(Configuration configuration, Path input) throws Exception {
    try (RssSampler rss = new RssSampler()) {
      JobStats stats =
          configuration
              .pipeline()
              .process(
                  new PipelineRequest(
                      input, work.resolve("anonymized.mp4"), configuration.options()),
                  ProgressListener.NONE,
                  new Cancellation());
      return new BenchRun(stats.processingSeconds(), null, stats, rss.peaks());
    }
  }

  /** The same pipeline with one fixed region and no detector: what decode, blur and encode cost. */
  private static JobOptions regionOnly(BenchClip clip) {
    JobOptions defaults = JobOptions.defaults();
    return new JobOptions(
        false,
        List.of(BlurRegion.of(0, 0, clip.width() / 4, clip.height() / 4)),
        defaults.blurMode(),
        defaults.mask(),
        defaults.keyframeIntervalSeconds(),
        defaults.boxScale(),
        null);
  }

  /** A plain ffmpeg transcode with the pipeline's encoder settings; ffmpeg reports its CPU time. */
  private BenchRun plain(Path input) throws IOException, InterruptedException {
    long started = System.nanoTime();
    try (RssSampler rss = new RssSampler()) {
      String log =
          ffmpeg(
              true,
              "-benchmark",
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
              work.resolve("plain.mp4").toString());
      double seconds = (System.nanoTime() - started) / 1e9;
      Matcher cpu = CPU.matcher(log);
      Double cpuSeconds =
          cpu.find() ? Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) : null;
      return new BenchRun(seconds, cpuSeconds, null, rss.peaks());
    }
  }

  private void render(BenchClip clip, Path input) throws IOException, InterruptedException {
    ffmpeg(
        false,
        "-f",
        "lavfi",
        "-i",
        clip.source(),
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000:duration=" + clip.seconds(),
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

  /**
   * Runs ffmpeg; with {@code info} at the info level (for {@code -benchmark}'s line), its log
   * returned.
   */
  private String ffmpeg(boolean info, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                settings.ffmpeg().toString(),
                "-nostdin",
                "-nostats",
                "-hide_banner",
                "-v",
                info ? "info" : "error",
                "-y"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(work, "ffmpeg", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException(
            "ffmpeg failed: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      return Files.readString(log, StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
