package io.privacypal.bench;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.assets.NpmPackageCache;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.pipeline.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Leak rate against detector calls for a range of keyframe intervals, to choose the default. Clips
 * of real photos of people move over a 1280x720 canvas (slow pan, a bounce at a face width per 0.3
 * s, an entry from the edge, a sudden appearance); each is anonymized (mosaic, default box scale)
 * at every interval and a face-frame counts as leaked when the middle half of a ground-truth face
 * box is left nearly as it was. Not a test: figures only.
 *
 * <p>Run: {@code privacypal bench-keyframes [WORK_DIR] [--intervals=0.1,0.2,0.3,0.5,1.0]
 * [--seconds=4] [--photo-width=640]}
 */
public final class KeyframeIntervalStudy {
  private static final String PHOTOS = "@vladmandic/face-api@1.7.15";

  private KeyframeIntervalStudy() {}

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 && !args[0].startsWith("--")
            ? Path.of(args[0])
            : Files.createTempDirectory("privacypal-keyframes");
    String intervals = option(args, "--intervals=", "0.1,0.2,0.3,0.5,1.0");
    double seconds = Double.parseDouble(option(args, "--seconds=", "4"));
    int photoWidth = Integer.parseInt(option(args, "--photo-width=", "640")) & ~1;
    Files.createDirectories(work);
    PipelineSettings settings = PipelineSettings.from(ConfigSource.fromEnvironment());
    List<Path> photos =
        NpmPackageCache.files(
            PHOTOS,
            NpmPackageCache.cacheRoot().resolve("face-api-1.7.15"),
            List.of(
                "package/demo/sample1.jpg",
                "package/demo/sample3.jpg",
                "package/demo/sample4.jpg"));
    try (OpenCvFaceDetector detector = new OpenCvFaceDetector()) {
      List<StudyPhoto> loaded = new ArrayList<>();
      for (Path photo : photos) {
        StudyPhoto p =
            StudyPhoto.load(photo, photoWidth, detector, settings.ffmpeg(), settings.ffprobe());
        System.out.printf(
            "%s at %dx%d: %d faces, mean width %.0f px%n",
            p.name(), p.width(), p.height(), p.faces().size(), p.meanFaceWidth());
        loaded.add(p);
      }
      List<StudyClip> clips =
          clips(new StudyClips(settings.ffmpeg(), work, seconds), loaded, seconds);
      AnonymizePipeline pipeline = new AnonymizePipeline(detector, settings);
      LeakCounter counter = new LeakCounter(settings.ffmpeg());
      List<String> rows = new ArrayList<>();
      for (String text : intervals.split(",")) {
        rows.add(measure(pipeline, counter, clips, Double.parseDouble(text), work));
      }
      System.out.printf(
          "%n%d CPUs, %d clips of %.1f s at 1280x720, %d fps, work dir %s%n",
          Runtime.getRuntime().availableProcessors(), clips.size(), seconds, StudyClip.FPS, work);
      System.out.println(
          "interval | leaked face-frames     | edge leaked   | calls/video min | pipeline fps | clips with leaks");
      rows.forEach(System.out::println);
    }
  }

  private static List<StudyClip> clips(StudyClips make, List<StudyPhoto> photos, double seconds)
      throws Exception {
    StudyPhoto first = photos.get(0);
    StudyPhoto second = photos.get(1);
    StudyPhoto third = photos.get(2);
    List<StudyClip> clips = new ArrayList<>();
    clips.add(make.pan("slow-pan", second, 60));
    // A face width per 0.3 s, the current default interval: the motion it must keep up with.
    clips.add(make.bounce("fast-bounce", first, first.meanFaceWidth() / 0.3));
    for (int late : new int[] {0, 3, 6}) {
      clips.add(make.enterFromRight("enter-right+" + late + "f", third, 300, late));
    }
    clips.add(make.appear("appear", second, (int) (seconds * StudyClip.FPS / 2) + 1));
    for (StudyClip clip : clips) {
      System.out.printf(
          "clip %s: %s, %d frames%n", clip.name(), clip.photo().name(), clip.frames());
    }
    return clips;
  }

  private static String measure(
      AnonymizePipeline pipeline,
      LeakCounter counter,
      List<StudyClip> clips,
      double interval,
      Path work)
      throws Exception {
    JobOptions options =
        new JobOptions(
            true,
            List.of(),
            BlurMode.MOSAIC,
            MaskShape.BOX,
            interval,
            JobOptions.DEFAULT_BOX_SCALE,
            null);
    LeakCount total = LeakCount.NONE;
    long frames = 0;
    long calls = 0;
    double videoSeconds = 0;
    double processingSeconds = 0;
    List<String> leaking = new ArrayList<>();
    for (StudyClip clip : clips) {
      Path out = work.resolve(clip.name() + "-" + interval + "-out.mp4");
      JobStats stats =
          pipeline.process(
              new PipelineRequest(clip.file(), out, options),
              ProgressListener.NONE,
              new Cancellation());
      LeakCount count = counter.count(clip, out);
      Files.deleteIfExists(out);
      System.out.printf(
          "interval %.2f s, %s: leaked %d/%d, edge %d/%d, %d detector calls, %.1f fps%n",
          interval,
          clip.name(),
          count.leaked(),
          count.faceFrames(),
          count.edgeLeaked(),
          count.edgeFaceFrames(),
          stats.detectorCalls(),
          stats.frames() / stats.processingSeconds());
      if (count.leaked() > 0) {
        leaking.add(clip.name() + " " + count.leaked());
      }
      total = total.plus(count);
      frames += stats.frames();
      calls += stats.detectorCalls();
      videoSeconds += stats.videoSeconds();
      processingSeconds += stats.processingSeconds();
    }
    return String.format(
        "%6.2f s | %5d / %5d (%5.2f %%) | %4d / %5d | %15.0f | %12.1f | %s",
        interval,
        total.leaked(),
        total.faceFrames(),
        total.leakedPercent(),
        total.edgeLeaked(),
        total.edgeFaceFrames(),
        calls * 60.0 / videoSeconds,
        frames / processingSeconds,
        leaking.isEmpty() ? "none" : String.join(", ", leaking));
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
