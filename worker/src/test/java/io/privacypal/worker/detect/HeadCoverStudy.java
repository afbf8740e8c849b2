package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.job.JobOptions;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.opencv.OpenCvNative;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A study, not a test: it runs only with {@code -Dstudy.clips=DIR} naming a folder of the leak
 * benchmark's rendered clips ({@code -Dstudy.only=pan-zoom,sizes} for some of them, {@code
 * -Dstudy.verbose=1} to print every pairing, {@code -Dstudy.visible=0.3} and {@code -Dstudy.cut=1}
 * to take in half-hidden heads and heads cut by an edge). BlazeFace on every 10th frame of each
 * clip, each true head (by default whole in the picture and at least 85 % visible) paired with the
 * surest face whose box centre lies in it; it prints, by size and turn, where the true box's edges
 * sit around that face in its own axes (in units of the box's mean side and of the eye-to-mouth
 * distance), and how the cover the pipeline blurs ({@link BlazeFaceHeads#head} grown for the
 * default boxScale, 1.21x, or by {@code -Dstudy.scale}) fits the true box: how often and how far it
 * leaves part of it bare, and on which sides, and its area outside the true box grown 1.5x (what
 * the benchmark's over-blur counts). Run: {@code mvn -pl worker -am test -Dtest=HeadCoverStudy
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstudy.clips=/tmp/lb}.
 */
@EnabledIfSystemProperty(named = "study.clips", matches = ".+")
class HeadCoverStudy {
  private static final int STEP = 10;

  /** One true head seen by the network: the true box's reach around the face, in its axes. */
  private record Sample(
      String clip,
      double size,
      double facing,
      double score,
      double above,
      double below,
      double front,
      double back,
      double eyeMouth,
      double tragions,
      double coverWidthRatio,
      double coverHeightRatio,
      double bare,
      double excess,
      String bareSides) {}

  @Test
  void reportsWhereTheTrueHeadLiesAroundBlazeFacesBoxAndKeypoints() throws Exception {
    OpenCvNative.load();
    Path dir = Path.of(System.getProperty("study.clips"));
    BlazeFaceNet net = new BlazeFaceNet(FaceModelFiles.blazeFace(), 0.4);
    List<Sample> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path clip :
          files.filter(p -> Files.exists(Path.of(p + ".truth.tsv"))).sorted().toList()) {
        String only = System.getProperty("study.only", "");
        if (!only.isEmpty()
            && Arrays.stream(only.split(",")).noneMatch(clip.getFileName().toString()::contains)) {
          continue;
        }
        samples.addAll(study(net, clip));
      }
    }
    print(samples);
  }

  private static List<Sample> study(BlazeFaceNet net, Path clip) throws Exception {
    Map<Integer, List<FaceBox>> truth = truth(Path.of(clip + ".truth.tsv"));
    Path frames = Files.createTempDirectory("study");
    new ProcessBuilder(
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-i",
            clip.toString(),
            "-vf",
            "select=not(mod(n\\," + STEP + "))",
            "-vsync",
            "0",
            frames.resolve("%05d.png").toString())
        .inheritIO()
        .start()
        .waitFor();
    List<Sample> samples = new ArrayList<>();
    String name = clip.getFileName().toString().replace("leak-v3-", "").replace(".mp4", "");
    try (Stream<Path> pngs = Files.list(frames)) {
      for (Path png : pngs.sorted().toList()) {
        int n = (Integer.parseInt(png.getFileName().toString().substring(0, 5)) - 1) * STEP;
        Mat bgr = Imgcodecs.imread(png.toString());
        Mat rgb = new Mat();
        Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        List<BlazeFaceNet.Face> found = new ArrayList<>();
        int side = (int) Math.min(360, 0.5 * Math.min(rgb.cols(), rgb.rows()));
        for (Tiles.Square s : Tiles.of(rgb.cols(), rgb.rows(), side)) {
          net.detect(rgb, s.x(), s.y(), s.side(), found);
        }
        for (FaceBox t : truth.getOrDefault(n, List.of())) {
          boolean cut =
              t.x() < 0
                  || t.y() < 0
                  || t.x() + t.width() > rgb.cols()
                  || t.y() + t.height() > rgb.rows();
          if (cut && System.getProperty("study.cut") == null) {
            continue; // cut by an edge
          }
          BlazeFaceNet.Face best = null;
          for (BlazeFaceNet.Face f : found) {
            FaceBox b = f.box();
            boolean inside =
                b.centerX() > t.x()
                    && b.centerX() < t.x() + t.width()
                    && b.centerY() > t.y()
                    && b.centerY() < t.y() + t.height();
            if (inside && (best == null || b.confidence() > best.box().confidence())) {
              best = f;
            }
          }
          if (best != null) {
            samples.add(sample(name, best, t, rgb.cols(), rgb.rows()));
          }
        }
        bgr.release();
        rgb.release();
        Files.delete(png);
      }
    }
    Files.delete(frames);
    return samples;
  }

  private static Sample sample(String clip, BlazeFaceNet.Face f, FaceBox t, int w, int h) {
    FaceBox b = f.box();
    double size = (b.width() + b.height()) / 2;
    var pose = BlazeFaceHeads.pose(f);
    double downX = -pose.upX();
    double downY = -pose.upY();
    double acrossX = downY;
    double acrossY = -downX;
    // Sign so that "front" is the side the face looks to.
    double sign = pose.facing() >= 0 ? 1 : -1;
    double[] xs = {t.x(), t.x() + t.width()};
    double[] ys = {t.y(), t.y() + t.height()};
    double minDown = Double.MAX_VALUE;
    double maxDown = -Double.MAX_VALUE;
    double minAcross = Double.MAX_VALUE;
    double maxAcross = -Double.MAX_VALUE;
    // The true box's corners in the face's axes (its bounds there, a little loose when tilted).
    for (double x : xs) {
      for (double y : ys) {
        double d = (x - b.centerX()) * downX + (y - b.centerY()) * downY;
        double a = sign * ((x - b.centerX()) * acrossX + (y - b.centerY()) * acrossY);
        minDown = Math.min(minDown, d);
        maxDown = Math.max(maxDown, d);
        minAcross = Math.min(minAcross, a);
        maxAcross = Math.max(maxAcross, a);
      }
    }
    double eyeMouth =
        Math.hypot((f.x(0) + f.x(1)) / 2 - f.x(3), (f.y(0) + f.y(1)) / 2 - f.y(3)) / size;
    double tragions = Math.hypot(f.x(4) - f.x(5), f.y(4) - f.y(5)) / size;
    FaceBox head = BlazeFaceHeads.head(f, w, h).scaled(coverScale());
    if (System.getProperty("study.verbose") != null) {
      System.out.printf(
          "%s score %.2f box %.0fx%.0f at %.0f,%.0f facing %.2f head %.0fx%.0f at %.0f,%.0f true %.0fx%.0f at"
              + " %.0f,%.0f kp %s%n",
          clip,
          b.confidence(),
          b.width(),
          b.height(),
          b.x(),
          b.y(),
          pose.facing(),
          head.width(),
          head.height(),
          head.x(),
          head.y(),
          t.width(),
          t.height(),
          t.x(),
          t.y(),
          Arrays.toString(Arrays.stream(f.keypoints()).map(Math::round).toArray()));
    }
    return new Sample(
        clip,
        size,
        pose.facing(),
        b.confidence(),
        -minDown / size,
        maxDown / size,
        maxAcross / size,
        -minAcross / size,
        eyeMouth,
        tragions,
        head.width() / t.width(),
        head.height() / t.height(),
        bare(head, t),
        excess(head, t),
        bareSides(head, t));
  }

  /**
   * How the pipeline grows a local head box for the default boxScale ({@link PixelBox#scaleFor}),
   * or {@code -Dstudy.scale}.
   */
  private static double coverScale() {
    String scale = System.getProperty("study.scale");
    return scale != null
        ? Double.parseDouble(scale)
        : PixelBox.scaleFor(JobOptions.DEFAULT_BOX_SCALE, OpenCvFaceDetector.HEAD_FACE_SHARE);
  }

  /** Which sides of the true box the cover leaves bare, and by what share of its side. */
  private static String bareSides(FaceBox c, FaceBox t) {
    double[] bare = {
      (c.x() - t.x()) / t.width(),
      (t.x() + t.width() - c.x() - c.width()) / t.width(),
      (c.y() - t.y()) / t.height(),
      (t.y() + t.height() - c.y() - c.height()) / t.height()
    };
    String[] sides = {"left", "right", "top", "bottom"};
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sides.length; i++) {
      if (bare[i] > 0) {
        out.append(String.format(" %s %.1f%%", sides[i], 100 * bare[i]));
      }
    }
    return out.toString();
  }

  /** The largest share of the true box's side that the cover leaves bare (negative: none). */
  private static double bare(FaceBox c, FaceBox t) {
    return Math.max(
        Math.max((c.x() - t.x()) / t.width(), (t.x() + t.width() - c.x() - c.width()) / t.width()),
        Math.max(
            (c.y() - t.y()) / t.height(), (t.y() + t.height() - c.y() - c.height()) / t.height()));
  }

  /**
   * The cover's area outside the true box grown by a quarter on each side (what the leak benchmark
   * counts as over-blur), in true boxes' areas.
   */
  private static double excess(FaceBox c, FaceBox t) {
    FaceBox grown = t.scaled(1.5);
    double ix =
        Math.max(
            0, Math.min(c.x() + c.width(), grown.x() + grown.width()) - Math.max(c.x(), grown.x()));
    double iy =
        Math.max(
            0,
            Math.min(c.y() + c.height(), grown.y() + grown.height()) - Math.max(c.y(), grown.y()));
    return (c.area() - ix * iy) / t.area();
  }

  private static Map<Integer, List<FaceBox>> truth(Path tsv) throws IOException {
    Map<Integer, List<FaceBox>> byFrame = new HashMap<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] c = line.split("\t");
      if (Double.parseDouble(c[6])
          < Double.parseDouble(System.getProperty("study.visible", "0.85"))) {
        continue; // partly hidden
      }
      byFrame
          .computeIfAbsent(Integer.parseInt(c[0]), k -> new ArrayList<>())
          .add(
              new FaceBox(
                  Double.parseDouble(c[2]),
                  Double.parseDouble(c[3]),
                  Double.parseDouble(c[4]),
                  Double.parseDouble(c[5]),
                  1));
    }
    return byFrame;
  }

  private static void print(List<Sample> samples) {
    Map<String, List<Sample>> groups = new TreeMap<>();
    for (Sample s : samples) {
      String size = s.size() < 40 ? "a<40" : s.size() < 80 ? "b40-80" : "c>=80";
      double turn = Math.abs(s.facing());
      String facing = turn < 0.25 ? "t0-.25" : turn < 0.5 ? "t.25-.5" : "t.5-1";
      groups.computeIfAbsent("all", k -> new ArrayList<>()).add(s);
      groups.computeIfAbsent(size + " " + facing, k -> new ArrayList<>()).add(s);
      groups.computeIfAbsent("clip " + s.clip(), k -> new ArrayList<>()).add(s);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        "group n | above / below / front / back in box sides: q50 q90 q98 max | eyeMouth/size q50"
            + " | tragions/size q50 | cover/true w q50 q90, h q50 q90 | samples whose"
            + " cover leaves part of the true box bare | cover outside the true box grown 1.5x, in"
            + " true boxes\n");
    for (var e : groups.entrySet()) {
      List<Sample> g = e.getValue();
      out.append(String.format("%-22s %4d |", e.getKey(), g.size()));
      for (var field :
          List.<java.util.function.ToDoubleFunction<Sample>>of(
              Sample::above, Sample::below, Sample::front, Sample::back)) {
        double[] v = g.stream().mapToDouble(field).sorted().toArray();
        out.append(
            String.format(
                " %.2f %.2f %.2f %.2f /", q(v, .5), q(v, .9), q(v, .98), v[v.length - 1]));
      }
      double[] em = g.stream().mapToDouble(Sample::eyeMouth).sorted().toArray();
      double[] tr = g.stream().mapToDouble(Sample::tragions).sorted().toArray();
      double[] cw = g.stream().mapToDouble(Sample::coverWidthRatio).sorted().toArray();
      double[] ch = g.stream().mapToDouble(Sample::coverHeightRatio).sorted().toArray();
      double bareAny = g.stream().filter(x -> x.bare() > 0).count() * 100.0 / g.size();
      double bare3 = g.stream().filter(x -> x.bare() > 0.03).count() * 100.0 / g.size();
      double worst = g.stream().mapToDouble(Sample::bare).max().orElse(0) * 100;
      double excess = g.stream().mapToDouble(Sample::excess).average().orElse(0);
      out.append(
          String.format(
              " em %.2f | tr %.2f | cover %.2f %.2f, %.2f %.2f | bare>0 %.2f%% >3%% %.2f%% worst"
                  + " %.1f%% | excess %.2f%n",
              q(em, .5), q(tr, .5), q(cw, .5), q(cw, .9), q(ch, .5), q(ch, .9), bareAny, bare3,
              worst, excess));
    }
    // In units of eye-to-mouth distance, for the large ones.
    out.append("in eye-to-mouth units (size>=40): above below front back q50 q90 q98 max\n");
    for (String turn : List.of("t0-.25", "t.25-.5", "t.5-1")) {
      List<Sample> g =
          samples.stream()
              .filter(s -> s.size() >= 40)
              .filter(
                  s -> {
                    double a = Math.abs(s.facing());
                    return turn.equals(a < 0.25 ? "t0-.25" : a < 0.5 ? "t.25-.5" : "t.5-1");
                  })
              .toList();
      if (g.isEmpty()) {
        continue;
      }
      out.append(String.format("%-10s %4d |", turn, g.size()));
      for (var field :
          List.<java.util.function.ToDoubleFunction<Sample>>of(
              Sample::above, Sample::below, Sample::front, Sample::back)) {
        double[] v = g.stream().mapToDouble(s -> field.applyAsDouble(s) / s.eyeMouth()).toArray();
        Arrays.sort(v);
        out.append(
            String.format(
                " %.2f %.2f %.2f %.2f /", q(v, .5), q(v, .9), q(v, .98), v[v.length - 1]));
      }
      out.append('\n');
    }
    // Each head its cover leaves partly bare, to tell which margin binds.
    for (Sample s : samples) {
      if (s.bare() > 0) {
        out.append(
            String.format(
                "bare: %s size %.0f facing %.2f:%s%n",
                s.clip(), s.size(), s.facing(), s.bareSides()));
      }
    }
    System.out.println(out);
  }

  private static double q(double[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
