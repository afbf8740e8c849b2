package io.privacypal.bench;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.SegmentPlan;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.pipeline.ProgressListener;
import io.privacypal.worker.segment.SegmentSettings;
import io.privacypal.worker.segment.Segmenter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * What splitting costs and buys: one clip run whole, then split and run segment by segment on this
 * machine, then stitched. Prints the single run's time, both runs' CPU time (this process and its
 * ffmpeg children), the overhead of planning, context and stitching, and the time to result for 1,
 * 4, 16 and 64 workers modelled from the measured segment times (segments scheduled longest first
 * on the free worker, plus the probe and the stitch). Not a test: figures only.
 *
 * <p>Run: {@code privacypal bench-segments [WORK_DIR] [--clip=1280x720x600] [--segment-seconds=60]}
 */
public final class SegmentBenchmark {
  private static final int[] WORKERS = {1, 4, 16, 64};

  private SegmentBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 && !args[0].startsWith("--")
            ? Path.of(args[0])
            : Files.createTempDirectory("privacypal-segments");
    int[] clip =
        Arrays.stream(option(args, "--clip=", "1280x720x600").split("x"))
            .mapToInt(Integer::parseInt)
            .toArray();
    double segmentSeconds = Double.parseDouble(option(args, "--segment-seconds=", "60"));
    Files.createDirectories(work);
    PipelineSettings settings = PipelineSettings.from(ConfigSource.fromEnvironment());
    Path input = render(settings, work, clip[0], clip[1], clip[2]);
    JobOptions options = JobOptions.defaults();
    try (OpenCvFaceDetector detector = new OpenCvFaceDetector()) {
      AnonymizePipeline pipeline = new AnonymizePipeline(detector, settings);
      double cpu0 = cpuSeconds();
      long t0 = System.nanoTime();
      pipeline.process(
          new PipelineRequest(input, work.resolve("single.mp4"), options),
          ProgressListener.NONE,
          new Cancellation());
      double singleWall = seconds(t0);
      double singleCpu = cpuSeconds() - cpu0;

      Segmenter segmenter = new Segmenter(pipeline, settings, new SegmentSettings(segmentSeconds));
      cpu0 = cpuSeconds();
      t0 = System.nanoTime();
      SegmentPlan plan =
          segmenter
              .plan(input, options, new Cancellation())
              .orElseThrow(
                  () -> new IllegalArgumentException("the clip is not longer than one segment"));
      double planWall = seconds(t0);
      List<Path> parts = new ArrayList<>();
      double[] segmentWall = new double[plan.segments().size()];
      for (SegmentPlan.Segment segment : plan.segments()) {
        Path part = work.resolve(String.format("segment-%05d.mp4", segment.index()));
        long ts = System.nanoTime();
        segmenter.runSegment(
            input,
            part,
            options,
            segment,
            plan.totalFrames(),
            ProgressListener.NONE,
            new Cancellation());
        segmentWall[segment.index()] = seconds(ts);
        parts.add(part);
      }
      long tStitch = System.nanoTime();
      segmenter.stitch(
          parts, input, work.resolve("split.mp4"), plan.totalFrames(), new Cancellation());
      double stitchWall = seconds(tStitch);
      double splitCpu = cpuSeconds() - cpu0;

      System.out.printf(
          "clip %dx%d, %d s, %d frames; %d segments of at most %.0f s%n",
          clip[0], clip[1], clip[2], plan.totalFrames(), segmentWall.length, segmentSeconds);
      System.out.printf("single run: %.1f s wall, %.1f s CPU%n", singleWall, singleCpu);
      System.out.printf(
          "split run:  %.1f s CPU (overhead %+.1f %%: probe %.1f s, segments %.1f s, stitch %.1f"
              + " s wall)%n",
          splitCpu,
          100 * (splitCpu / singleCpu - 1),
          planWall,
          Arrays.stream(segmentWall).sum(),
          stitchWall);
      for (int workers : WORKERS) {
        System.out.printf(
            "time to result with %2d workers: %.1f s (modelled)%n",
            workers, planWall + makespan(segmentWall, workers) + stitchWall);
      }
    }
  }

  /** Segments longest first, each on the worker that is free first. */
  static double makespan(double[] segments, int workers) {
    double[] sorted = segments.clone();
    Arrays.sort(sorted);
    PriorityQueue<Double> free = new PriorityQueue<>();
    for (int i = 0; i < workers; i++) {
      free.add(0.0);
    }
    double end = 0;
    for (int i = sorted.length - 1; i >= 0; i--) {
      double finish = free.remove() + sorted[i];
      end = Math.max(end, finish);
      free.add(finish);
    }
    return end;
  }

  private static Path render(PipelineSettings settings, Path work, int w, int h, int seconds)
      throws IOException {
    Path out = work.resolve("clip-" + w + "x" + h + "x" + seconds + ".mp4");
    if (Files.exists(out)) {
      return out;
    }
    FfmpegRun.ffmpeg(
        settings.ffmpeg(),
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=" + w + "x" + h + ":r=25:d=" + seconds,
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=44100:duration=" + seconds,
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        out.toString());
    return out;
  }

  /**
   * This process's CPU time and its reaped children's (every ffmpeg the pipeline started and waited
   * for), from /proc/self/stat.
   */
  static double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After the name: state is field 3, so utime, stime, cutime, cstime are 14-17 (index 11-14).
    long ticks = 0;
    for (int i = 11; i <= 14; i++) {
      ticks += Long.parseLong(fields[i]);
    }
    return ticks / 100.0;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
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
