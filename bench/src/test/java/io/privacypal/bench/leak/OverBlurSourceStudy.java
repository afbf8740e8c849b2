package io.privacypal.bench.leak;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.pipeline.PipelineSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A study, not a test: where the local detector's over-blur comes from. It runs only with {@code
 * -Dstudy.clips=DIR} naming a folder of the leak benchmark's rendered clips ({@code
 * -Dstudy.only=pan-zoom,sizes} for some of them, {@code -Dstudy.boxScale=1.1} for another job
 * option). The pipeline runs with the local detector, whose answers on each keyframe are recorded;
 * on those keyframes, every pixel the over-blur counts (changed, outside the true heads grown 25 %)
 * goes to the first of: (a) inside the cover of an answer whose centre lies in a true head: the
 * cover is larger than the head; (b) inside the cover of any other answer: a false find; (c)
 * neither: a cover the tracker kept or drew without an answer there (carried after an exit, a cut
 * or a hidden head, drawn back along a velocity). Between keyframes covers move with the tracker,
 * so only the total is known there; its excess over the keyframes' share is tracking's too. Run:
 * {@code mvn -pl bench -am test -Dtest=OverBlurSourceStudy -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstudy.clips=/tmp/lb}.
 */
@EnabledIfSystemProperty(named = "study.clips", matches = ".+")
class OverBlurSourceStudy {

  @Test
  void splitsTheLocalDetectorsOverBlurBySource() throws Exception {
    Path dir = Path.of(System.getProperty("study.clips"));
    String only = System.getProperty("study.only", "");
    JobOptions defaults = JobOptions.defaults();
    double boxScale =
        Double.parseDouble(System.getProperty("study.boxScale", "" + defaults.boxScale()));
    JobOptions options =
        new JobOptions(
            defaults.blurFaces(),
            defaults.regions(),
            defaults.blurMode(),
            defaults.mask(),
            defaults.keyframeIntervalSeconds(),
            boxScale,
            defaults.detector());
    PipelineSettings settings = PipelineSettings.from(ConfigSource.of(Map.of()));
    LeakBenchmark bench = new LeakBenchmark(dir, settings).keepOutputs(true);
    List<String> rows = new ArrayList<>();
    try (OpenCvFaceDetector local = new OpenCvFaceDetector()) {
      for (String name : LeakBenchmark.clipNames()) {
        if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
          continue;
        }
        RenderedClip clip = bench.clip(name);
        if (Boolean.getBoolean("study.judgeOnly")) {
          // Judges the output a run before kept, without running the pipeline again.
          Path kept = dir.resolve("leak-" + LeakBenchmark.VERSION + "-" + name + "-local-out.mp4");
          LeakFigures judged =
              bench.judge(
                  clip, kept, "local", new JobStats(1, 0, 1, 1, "local", "", 0.0, Map.of(), null));
          rows.add(judged.row() + " " + judged.leakedFrames());
          continue;
        }
        Recording recording = new Recording(local);
        LeakFigures figures = bench.run(clip, recording, options);
        Path output = dir.resolve("leak-" + LeakBenchmark.VERSION + "-" + name + "-local-out.mp4");
        Split split = split(clip, output, recording.answers, options.boxScale(), settings);
        rows.add(
            String.format(
                    "%-13s leaked %3d  over-blur %6.2f %%  keyframes %6.2f %% = oversize %6.2f +"
                        + " false %6.2f + kept %6.2f   others %6.2f %%   answers %d true, %d false",
                    name,
                    figures.leakedFaceFrames(),
                    100 * figures.overBlur(),
                    100 * split.share(split.oversize + split.falseFinds + split.kept),
                    100 * split.share(split.oversize),
                    100 * split.share(split.falseFinds),
                    100 * split.share(split.kept),
                    100 * split.otherShare(),
                    split.trueAnswers,
                    split.falseAnswers)
                + " "
                + figures.leakedFrames());
      }
    }
    System.out.println("boxScale " + boxScale);
    rows.forEach(System.out::println);
  }

  /** The local detector, its answers kept by keyframe. */
  private static final class Recording implements FaceDetector {
    private final FaceDetector detector;
    final Map<Integer, List<FaceBox>> answers = new ConcurrentHashMap<>();

    Recording(FaceDetector detector) {
      this.detector = detector;
    }

    @Override
    public FaceDetector forVideo() {
      FaceDetector video = detector.forVideo();
      Recording recording = this;
      return new FaceDetector() {
        @Override
        public List<FaceBox> detect(KeyframeImage image) throws DetectionException {
          List<FaceBox> faces = video.detect(image);
          recording.answers.put(
              (int) Math.round(image.timestampSeconds() * LeakClip.FPS), List.copyOf(faces));
          return faces;
        }

        @Override
        public String name() {
          return video.name();
        }

        @Override
        public double faceShare() {
          return video.faceShare();
        }

        @Override
        public void close() {
          video.close();
        }
      };
    }

    @Override
    public List<FaceBox> detect(KeyframeImage image) throws DetectionException {
      return forVideo().detect(image);
    }

    @Override
    public String name() {
      return detector.name();
    }

    @Override
    public double faceShare() {
      return detector.faceShare();
    }
  }

  private static final class Split {
    long outsideKeyframes;
    long oversize;
    long falseFinds;
    long kept;
    long outsideOthers;
    long changedOthers;
    int trueAnswers;
    int falseAnswers;

    double share(long pixels) {
      return outsideKeyframes == 0 ? 0 : (double) pixels / outsideKeyframes;
    }

    double otherShare() {
      return outsideOthers == 0 ? 0 : (double) changedOthers / outsideOthers;
    }
  }

  private static Split split(
      RenderedClip clip,
      Path output,
      Map<Integer, List<FaceBox>> answers,
      double boxScale,
      PipelineSettings settings)
      throws Exception {
    int width = clip.clip().width();
    int height = clip.clip().height();
    byte[] before = new byte[width * height];
    byte[] after = new byte[width * height];
    Mat source = new Mat(height, width, CvType.CV_8U);
    Mat anonymized = new Mat(height, width, CvType.CV_8U);
    Mat changed = new Mat();
    Mat outside = new Mat();
    Mat trueCovers = new Mat(height, width, CvType.CV_8U);
    Mat falseCovers = new Mat(height, width, CvType.CV_8U);
    Mat part = new Mat();
    Split split = new Split();
    try (GreyFrames in = new GreyFrames(settings.ffmpeg(), clip.file(), width, height);
        GreyFrames out = new GreyFrames(settings.ffmpeg(), output, width, height)) {
      for (int n = 0; n < clip.clip().frames(); n++) {
        if (!in.next(before) || !out.next(after)) {
          break;
        }
        source.put(0, 0, before);
        anonymized.put(0, 0, after);
        List<TrueFace> faces = clip.facesAt(n);
        OverBlurMeter.changedOutside(source, anonymized, faces, changed, outside);
        List<FaceBox> answered = answers.get(n);
        if (answered == null) {
          split.outsideOthers += Core.countNonZero(outside);
          split.changedOthers += Core.countNonZero(changed);
          continue;
        }
        split.outsideKeyframes += Core.countNonZero(outside);
        trueCovers.setTo(new Scalar(0));
        falseCovers.setTo(new Scalar(0));
        for (FaceBox answer : answered) {
          boolean onAHead =
              faces.stream()
                  .anyMatch(
                      f ->
                          answer.centerX() >= f.box().x()
                              && answer.centerX() <= f.box().x() + f.box().width()
                              && answer.centerY() >= f.box().y()
                              && answer.centerY() <= f.box().y() + f.box().height());
          if (onAHead) {
            split.trueAnswers++;
            if (Boolean.getBoolean("study.verbose")) {
              TrueFace f =
                  faces.stream()
                      .filter(
                          t ->
                              answer.centerX() >= t.box().x()
                                  && answer.centerX() <= t.box().x() + t.box().width()
                                  && answer.centerY() >= t.box().y()
                                  && answer.centerY() <= t.box().y() + t.box().height())
                      .findFirst()
                      .orElseThrow();
              System.out.printf(
                  "frame %d %s true %.0fx%.0f answer/true %.2f x %.2f centre off %.2f %.2f%n",
                  n,
                  f.id(),
                  f.box().width(),
                  f.box().height(),
                  answer.width() / f.box().width(),
                  answer.height() / f.box().height(),
                  (answer.centerX() - f.box().centerX()) / f.box().width(),
                  (answer.centerY() - f.box().centerY()) / f.box().height());
            }
          } else {
            split.falseAnswers++;
          }
          PixelBox cover = PixelBox.cover(answer, boxScale, width, height).orElse(null);
          if (cover != null) {
            // The meter's 8x8 window reaches 4 px past a cover's edge.
            Imgproc.rectangle(
                onAHead ? trueCovers : falseCovers,
                new Point(cover.x() - 4, cover.y() - 4),
                new Point(cover.x() + cover.width() + 4, cover.y() + cover.height() + 4),
                new Scalar(255),
                -1);
          }
        }
        Core.bitwise_and(changed, trueCovers, part);
        split.oversize += Core.countNonZero(part);
        Core.subtract(changed, trueCovers, changed);
        Core.bitwise_and(changed, falseCovers, part);
        split.falseFinds += Core.countNonZero(part);
        Core.subtract(changed, falseCovers, changed);
        split.kept += Core.countNonZero(changed);
      }
    } finally {
      for (Mat m : List.of(source, anonymized, changed, outside, trueCovers, falseCovers, part)) {
        m.release();
      }
    }
    return split;
  }
}
