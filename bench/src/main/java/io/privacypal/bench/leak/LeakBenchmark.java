package io.privacypal.bench.leak;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.json.Json;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * The leak benchmark: generated clips of real photos of people ({@link LeakClips}) anonymized by
 * the worker's pipeline, judged against their known true faces by {@link LeakJudge} and {@link
 * OverBlurMeter}, with no detector's word taken. Usable from tests and other branches:
 *
 * <pre>{@code
 * LeakBenchmark bench = new LeakBenchmark(workDir, PipelineSettings.from(ConfigSource.fromEnvironment()));
 * RenderedClip clip = bench.clip("crossing");                       // rendered once, then reused
 * LeakFigures local = bench.run(clip, detector);                     // any FaceDetector
 * LeakFigures truth = bench.run(clip, new TruthDetector(clip));      // exact boxes: tracking only
 * }</pre>
 *
 * <p>Run: {@code privacypal bench-leaks [DIR] [--clips=pan-zoom,...] [--detectors=local,truth]
 * [--keep-outputs]}
 */
public final class LeakBenchmark {
  /** Bumped whenever the clips change, so that clips rendered before are not reused. */
  static final String VERSION = "v3";

  private final Path work;
  private final PipelineSettings settings;
  private boolean keepOutputs;
  private LeakPhotos photos;
  private ClipRenderer renderer;

  public LeakBenchmark(Path work, PipelineSettings settings) {
    this.work = work;
    this.settings = settings;
  }

  /** Keeps each anonymized output in the work directory, to look at what leaked. */
  public LeakBenchmark keepOutputs(boolean keep) {
    this.keepOutputs = keep;
    return this;
  }

  public static List<String> clipNames() {
    return LeakClips.names();
  }

  /** The named clip, rendered into the work directory on first use and reused after. */
  public RenderedClip clip(String name) throws IOException {
    return rendered(LeakClips.named(name), work.resolve("leak-" + VERSION + "-" + name + ".mp4"));
  }

  /**
   * The speed benchmark's clip of this size and length with faces and a moving camera ({@link
   * SpeedClips}), rendered into the work directory on first use and reused after.
   */
  public RenderedClip movingCamera(int width, int height, int seconds) throws IOException {
    LeakClip script = SpeedClips.movingCamera(width, height, seconds);
    return rendered(script, work.resolve(script.name() + ".mp4"));
  }

  private synchronized RenderedClip rendered(LeakClip script, Path video) throws IOException {
    RenderedClip loaded = RenderedClip.load(script, video);
    if (loaded != null) {
      return loaded;
    }
    if (renderer == null) {
      photos = LeakPhotos.fetch();
      renderer = new ClipRenderer(settings.ffmpeg(), photos);
    }
    return renderer.render(script, video);
  }

  /** Anonymizes the clip with the job defaults and judges the output. */
  public LeakFigures run(RenderedClip clip, FaceDetector detector) throws Exception {
    return run(clip, detector, JobOptions.defaults());
  }

  public LeakFigures run(RenderedClip clip, FaceDetector detector, JobOptions options)
      throws Exception {
    Path output =
        work.resolve("leak-" + VERSION + "-" + clip.name() + "-" + detector.name() + "-out.mp4");
    JobStats stats =
        new AnonymizePipeline(detector, settings)
            .process(
                new PipelineRequest(clip.file(), output, options),
                ProgressListener.NONE,
                new Cancellation());
    try {
      return judge(clip, output, detector.name(), stats);
    } finally {
      if (!keepOutputs) {
        Files.deleteIfExists(output);
      }
    }
  }

  /** Judges an anonymized output of {@code clip} (also usable on a video made elsewhere). */
  public LeakFigures judge(RenderedClip clip, Path output, String detectorName, JobStats stats)
      throws IOException {
    int width = clip.clip().width();
    int height = clip.clip().height();
    byte[] before = new byte[width * height];
    byte[] after = new byte[width * height];
    Mat source = new Mat(height, width, CvType.CV_8U);
    Mat anonymized = new Mat(height, width, CvType.CV_8U);
    OverBlurMeter overBlur = new OverBlurMeter();
    Map<String, Integer> run = new HashMap<>();
    Map<String, Integer> longest = new HashMap<>();
    Map<String, List<Integer>> leakedFrames = new HashMap<>();
    long faceFrames = 0;
    long leaked = 0;
    try (GreyFrames in = new GreyFrames(settings.ffmpeg(), clip.file(), width, height);
        GreyFrames out = new GreyFrames(settings.ffmpeg(), output, width, height)) {
      for (int n = 0; n < clip.clip().frames(); n++) {
        if (!in.next(before) || !out.next(after)) {
          throw new IOException(
              clip.name() + ": fewer than " + clip.clip().frames() + " frames decoded");
        }
        source.put(0, 0, before);
        anonymized.put(0, 0, after);
        List<TrueFace> faces = clip.facesAt(n);
        overBlur.add(source, anonymized, faces);
        List<String> seen = new ArrayList<>();
        for (TrueFace face : faces) {
          if (!judged(face, width, height)) {
            continue;
          }
          seen.add(face.id());
          faceFrames++;
          longest.putIfAbsent(face.id(), 0);
          if (LeakJudge.judge(source, anonymized, face.box()).leaked()) {
            leaked++;
            leakedFrames.computeIfAbsent(face.id(), id -> new ArrayList<>()).add(n);
            int length = run.merge(face.id(), 1, Integer::sum);
            longest.merge(face.id(), length, Math::max);
          } else {
            run.remove(face.id());
          }
        }
        run.keySet().retainAll(seen); // a frame where a face was not judged ends its run
      }
    } finally {
      source.release();
      anonymized.release();
      overBlur.release();
    }
    return new LeakFigures(
        clip.name(),
        detectorName,
        faceFrames,
        leaked,
        longest,
        leakedFrames,
        overBlur.share(),
        stats.detectorCallsPerVideoMinute(),
        stats.frames() / Math.max(1e-9, stats.processingSeconds()));
  }

  /**
   * A face-frame is judged when at least a fifth of its box and 8x8 px are in the picture and at
   * least half of that part shows this face, not someone passing in front.
   */
  static boolean judged(TrueFace face, int width, int height) {
    Rect part = LeakJudge.inFrame(face.box(), width, height);
    return part != null
        && part.width >= 8
        && part.height >= 8
        && part.area() >= 0.2 * face.box().area()
        && face.visible() >= 0.5;
  }

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 && !args[0].startsWith("--")
            ? Path.of(args[0])
            : Files.createTempDirectory("privacypal-leaks");
    List<String> clips =
        List.of(option(args, "--clips=", String.join(",", clipNames())).split(","));
    List<String> detectors = List.of(option(args, "--detectors=", "local,truth").split(","));
    for (String detector : detectors) {
      if (!detector.equals("local") && !detector.equals("truth")) {
        throw new IllegalArgumentException("--detectors takes local and truth, got " + detector);
      }
    }
    // Partial JSON as in a job message: what it leaves out keeps the job default.
    JobOptions options = jobOptions(option(args, "--options-json=", "{}"));
    Files.createDirectories(work);
    PipelineSettings settings = PipelineSettings.from(ConfigSource.fromEnvironment());
    LeakBenchmark bench =
        new LeakBenchmark(work, settings).keepOutputs(List.of(args).contains("--keep-outputs"));
    List<LeakFigures> rows = new ArrayList<>();
    try (OpenCvFaceDetector local = detectors.contains("local") ? new OpenCvFaceDetector() : null) {
      for (String name : clips) {
        long started = System.nanoTime();
        RenderedClip clip = bench.clip(name);
        System.out.printf(
            "clip %s: %dx%d, %.0f s, ready in %.0f s%n",
            name,
            clip.clip().width(),
            clip.clip().height(),
            clip.clip().seconds(),
            (System.nanoTime() - started) / 1e9);
        for (String detector : detectors) {
          LeakFigures figures =
              bench.run(clip, detector.equals("local") ? local : new TruthDetector(clip), options);
          System.out.println(figures.row());
          figures
              .leakedFrames()
              .forEach(
                  (face, frames) ->
                      System.out.println("  " + face + " leaked in frames " + frames));
          rows.add(figures);
        }
      }
    }
    System.out.printf(
        "%n%d CPUs, work dir %s, job options %s;%nleaked: a quarter of a face's detailed cells"
            + " kept (R >= %.1f)%n",
        Runtime.getRuntime().availableProcessors(),
        work,
        Json.mapper().writeValueAsString(options),
        LeakJudge.KEPT_R);
    System.out.println(LeakFigures.header());
    rows.forEach(r -> System.out.println(r.row()));
  }

  /** Job options from partial JSON, or a clear error naming what is wrong with it. */
  static JobOptions jobOptions(String json) {
    try {
      return Json.mapper().readValue(json, JobOptions.class);
    } catch (IOException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalArgumentException(
          "--options-json is not valid job options: " + cause.getMessage(), e);
    }
  }

  private static String option(String[] args, String prefix, String fallback) {
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return fallback;
  }
}
