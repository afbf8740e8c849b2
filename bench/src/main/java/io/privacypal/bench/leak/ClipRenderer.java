package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Renders a {@link LeakClip}: every frame is composed here with OpenCV (the camera's view of the
 * backdrop, the actors pasted with their feathered masks, then sensor noise) and piped to ffmpeg as
 * raw BGR, so the true boxes are exactly where the heads are. Which layer shows at each pixel is
 * kept while composing, to say how much of each head someone in front hides.
 */
final class ClipRenderer {
  private static final int BACKDROP = 0;

  private final Path ffmpeg;
  private final LeakPhotos photos;
  private final Map<Integer, Sprite> sprites = new HashMap<>();

  ClipRenderer(Path ffmpeg, LeakPhotos photos) {
    this.ffmpeg = ffmpeg;
    this.photos = photos;
  }

  /** A cut-out: the rectangle of the photo around one head and its alpha mask (0-1, float). */
  private record Sprite(Rect region, Mat alpha, FaceBox head) {}

  RenderedClip render(LeakClip clip, Path video) throws IOException {
    Files.createDirectories(video.toAbsolutePath().getParent());
    Path log = video.resolveSibling(video.getFileName() + ".log");
    List<String> command =
        List.of(
            ffmpeg.toString(),
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "bgr24",
            "-s",
            clip.width() + "x" + clip.height(),
            "-r",
            Integer.toString(LeakClip.FPS),
            "-i",
            "pipe:0",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "17",
            "-pix_fmt",
            "yuv420p",
            video.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    List<List<TrueFace>> truth = new ArrayList<>();
    Mat frame = new Mat(clip.height(), clip.width(), CvType.CV_8UC3);
    byte[] pixels = new byte[clip.width() * clip.height() * 3];
    byte[] owner = new byte[clip.width() * clip.height()];
    Noise noise = new Noise(clip);
    try {
      try (OutputStream in = process.getOutputStream()) {
        for (int n = 0; n < clip.frames(); n++) {
          truth.add(compose(clip, n, frame, pixels, owner));
          noise.add(frame);
          frame.get(0, 0, pixels);
          in.write(pixels);
        }
      }
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException("ffmpeg could not encode " + video + ": " + Files.readString(log));
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while encoding " + video);
    } finally {
      process.destroyForcibly();
      frame.release();
      noise.release();
    }
    RenderedClip rendered = new RenderedClip(clip, video, truth);
    rendered.saveTruth();
    return rendered;
  }

  /** Frame {@code n} into {@code frame} (before noise), and its true faces. */
  List<TrueFace> compose(LeakClip clip, int n, Mat frame, byte[] pixels, byte[] owner)
      throws IOException {
    Shot shot = clip.shotAt(n);
    List<TrueFace> faces = new ArrayList<>();
    List<Integer> layers = new ArrayList<>();
    backdrop(clip, shot, n, frame, faces, layers);
    frame.get(0, 0, pixels);
    java.util.Arrays.fill(owner, (byte) BACKDROP);
    for (int i = 0; i < shot.actors().size(); i++) {
      Actor actor = shot.actors().get(i);
      Motion.Key pose = actor.motion().at(n);
      if (pose != null) {
        FaceBox box = paste(clip, actor, pose, pixels, owner, i + 1);
        if (box != null) {
          faces.add(new TrueFace(actor.id(), box, 0));
          layers.add(i + 1);
        }
      }
    }
    frame.put(0, 0, pixels);
    List<TrueFace> visible = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      TrueFace face = faces.get(i);
      double share = ownShare(face.box(), owner, layers.get(i), clip.width(), clip.height());
      if (share >= 0) {
        visible.add(new TrueFace(face.id(), face.box(), share));
      }
    }
    return visible;
  }

  private void backdrop(
      LeakClip clip, Shot shot, int n, Mat frame, List<TrueFace> faces, List<Integer> layers)
      throws IOException {
    Mat photo = photos.bgr(shot.photo());
    int rx = Math.min(shot.region().x(), photo.cols() - 2);
    int ry = Math.min(shot.region().y(), photo.rows() - 2);
    double rw = Math.min(shot.region().width(), photo.cols() - rx);
    double rh = Math.min(shot.region().height(), photo.rows() - ry);
    Motion.Key camera = shot.camera().at(n);
    // The view stays inside the region: nothing outside it (other people) may show.
    double aspect = (double) clip.height() / clip.width();
    double viewWidth = Math.min(camera.size(), Math.min(rw, rh / aspect));
    double viewHeight = viewWidth * aspect;
    double cx = rx + clamp(camera.x(), viewWidth / 2, rw - viewWidth / 2);
    double cy = ry + clamp(camera.y(), viewHeight / 2, rh - viewHeight / 2);
    double scale = clip.width() / viewWidth;
    double tx = clip.width() / 2.0 - scale * cx;
    double ty = clip.height() / 2.0 - scale * cy;
    Mat m = new Mat(2, 3, CvType.CV_64F);
    m.put(0, 0, scale, 0, tx, 0, scale, ty);
    Imgproc.warpAffine(
        photo,
        frame,
        m,
        frame.size(),
        Imgproc.INTER_LINEAR,
        Core.BORDER_CONSTANT,
        new Scalar(0, 0, 0));
    m.release();
    List<FaceBox> heads = HeadLabels.heads(shot.photo());
    for (int h = 0; h < heads.size(); h++) {
      FaceBox head = heads.get(h);
      FaceBox box =
          new FaceBox(
              scale * head.x() + tx,
              scale * head.y() + ty,
              scale * head.width(),
              scale * head.height(),
              1);
      faces.add(
          new TrueFace(
              "photo" + shot.photo() + "-head" + (h + 1) + "@" + shot.firstFrame(), box, 0));
      layers.add(BACKDROP);
    }
  }

  /** Pastes an actor; returns its true box, or null when none of it is in the frame. */
  private FaceBox paste(
      LeakClip clip, Actor actor, Motion.Key pose, byte[] pixels, byte[] owner, int layer)
      throws IOException {
    Sprite sprite = sprite(actor.photo(), actor.head());
    FaceBox head = sprite.head();
    double k = pose.size() / head.height();
    double theta = Math.toRadians(pose.angle());
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double mirror = actor.mirrored() ? -1 : 1;
    // Photo point p maps to k * R(theta) * diag(mirror, 1) * (p - head centre) + pose.
    double a = k * cos * mirror;
    double b = -k * sin;
    double c = k * sin * mirror;
    double d = k * cos;
    double ox = sprite.region().x - head.centerX();
    double oy = sprite.region().y - head.centerY();
    double tx = a * ox + b * oy + pose.x();
    double ty = c * ox + d * oy + pose.y();
    double[] xs = new double[4];
    double[] ys = new double[4];
    int i = 0;
    for (double u : new double[] {0, sprite.region().width}) {
      for (double v : new double[] {0, sprite.region().height}) {
        xs[i] = a * u + b * v + tx;
        ys[i++] = c * u + d * v + ty;
      }
    }
    int x0 = Math.max(0, (int) Math.floor(min(xs)));
    int y0 = Math.max(0, (int) Math.floor(min(ys)));
    int x1 = Math.min(clip.width(), (int) Math.ceil(max(xs)));
    int y1 = Math.min(clip.height(), (int) Math.ceil(max(ys)));
    // The head as an ellipse inscribed in its box, tilted: its bounding box is the true box.
    double ha = k * head.width() / 2;
    double hb = k * head.height() / 2;
    double hx = Math.sqrt(ha * ha * cos * cos + hb * hb * sin * sin);
    double hy = Math.sqrt(ha * ha * sin * sin + hb * hb * cos * cos);
    FaceBox box = new FaceBox(pose.x() - hx, pose.y() - hy, 2 * hx, 2 * hy, 1);
    if (x1 <= x0 || y1 <= y0) {
      return box;
    }
    Size size = new Size(x1 - x0, y1 - y0);
    Mat m = new Mat(2, 3, CvType.CV_64F);
    m.put(0, 0, a, b, tx - x0, c, d, ty - y0);
    Mat colour = new Mat();
    Mat alpha = new Mat();
    Mat source = photos.bgr(actor.photo()).submat(sprite.region());
    Imgproc.warpAffine(
        source, colour, m, size, Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
    Imgproc.warpAffine(
        sprite.alpha(), alpha, m, size, Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0));
    int w = x1 - x0;
    byte[] rgb = new byte[w * (y1 - y0) * 3];
    float[] weights = new float[w * (y1 - y0)];
    colour.get(0, 0, rgb);
    alpha.get(0, 0, weights);
    for (int row = 0; row < y1 - y0; row++) {
      for (int col = 0; col < w; col++) {
        float wt = weights[row * w + col];
        if (wt <= 0.002f) {
          continue;
        }
        int pixel = (y0 + row) * clip.width() + x0 + col;
        for (int ch = 0; ch < 3; ch++) {
          int dst = pixel * 3 + ch;
          int src = (row * w + col) * 3 + ch;
          pixels[dst] = (byte) Math.round((pixels[dst] & 0xff) * (1 - wt) + (rgb[src] & 0xff) * wt);
        }
        if (wt >= 0.5f) {
          owner[pixel] = (byte) layer;
        }
      }
    }
    m.release();
    colour.release();
    alpha.release();
    source.release();
    return box;
  }

  /**
   * The cut-out around one head: the head, its hair and shoulders as feathered ellipses, with every
   * other labelled face of the photo (grown by 30 %) masked out so that no unlabelled face comes
   * along.
   */
  private synchronized Sprite sprite(int photo, int headIndex) throws IOException {
    int key = photo * 100 + headIndex;
    Sprite cached = sprites.get(key);
    if (cached != null) {
      return cached;
    }
    Mat image = photos.bgr(photo);
    List<FaceBox> heads = HeadLabels.heads(photo);
    FaceBox head = heads.get(headIndex - 1);
    int x0 = (int) Math.max(0, head.x() - 0.45 * head.width());
    int y0 = (int) Math.max(0, head.y() - 0.5 * head.height());
    int x1 = (int) Math.min(image.cols(), head.x() + 1.45 * head.width());
    int y1 = (int) Math.min(image.rows(), head.y() + 1.7 * head.height());
    Rect region = new Rect(x0, y0, x1 - x0, y1 - y0);
    Mat alpha = Mat.zeros(region.height, region.width, CvType.CV_32F);
    Point centre = new Point(head.centerX() - x0, head.centerY() - y0);
    // The labelled box ends at the hairline: the hair above it comes along.
    Imgproc.ellipse(
        alpha,
        new Point(centre.x, centre.y - 0.15 * head.height()),
        new Size(0.62 * head.width(), 0.72 * head.height()),
        0,
        0,
        360,
        new Scalar(1),
        -1);
    Imgproc.rectangle(
        alpha,
        new Point(centre.x - 0.3 * head.width(), centre.y),
        new Point(centre.x + 0.3 * head.width(), centre.y + 1.0 * head.height()),
        new Scalar(1),
        -1);
    Imgproc.ellipse(
        alpha,
        new Point(centre.x, centre.y + 1.15 * head.height()),
        new Size(0.95 * head.width(), 0.42 * head.height()),
        0,
        0,
        360,
        new Scalar(1),
        -1);
    for (FaceBox other : heads) {
      if (other != head) {
        FaceBox grown = other.scaled(1.3);
        Imgproc.rectangle(
            alpha,
            new Point(grown.x() - x0, grown.y() - y0),
            new Point(grown.x() + grown.width() - x0, grown.y() + grown.height() - y0),
            new Scalar(0),
            -1);
      }
    }
    Imgproc.GaussianBlur(alpha, alpha, new Size(0, 0), Math.max(1, 0.04 * head.width()));
    Sprite sprite = new Sprite(region, alpha, head);
    sprites.put(key, sprite);
    return sprite;
  }

  /**
   * Share of a box's in-frame part where {@code layer} shows; -1 when none of it is in the frame.
   */
  private static double ownShare(FaceBox box, byte[] owner, int layer, int width, int height) {
    int x0 = Math.max(0, (int) Math.floor(box.x()));
    int y0 = Math.max(0, (int) Math.floor(box.y()));
    int x1 = Math.min(width, (int) Math.ceil(box.x() + box.width()));
    int y1 = Math.min(height, (int) Math.ceil(box.y() + box.height()));
    if (x1 <= x0 || y1 <= y0) {
      return -1;
    }
    long own = 0;
    for (int row = y0; row < y1; row++) {
      for (int col = x0; col < x1; col++) {
        own += owner[row * width + col] == layer ? 1 : 0;
      }
    }
    return (double) own / ((long) (x1 - x0) * (y1 - y0));
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  private static double min(double[] values) {
    return java.util.Arrays.stream(values).min().orElseThrow();
  }

  private static double max(double[] values) {
    return java.util.Arrays.stream(values).max().orElseThrow();
  }

  /** Gaussian sensor noise, new in every frame, on all three channels. */
  private static final class Noise {
    private final double sigma;
    private final Mat noise;
    private final Mat wide;

    Noise(LeakClip clip) {
      this.sigma = clip.noiseSigma();
      this.noise = new Mat(clip.height(), clip.width(), CvType.CV_16SC3);
      this.wide = new Mat(clip.height(), clip.width(), CvType.CV_16SC3);
    }

    void add(Mat frame) {
      if (sigma <= 0) {
        return;
      }
      Core.randn(noise, 0, sigma);
      frame.convertTo(wide, CvType.CV_16SC3);
      Core.add(wide, noise, wide);
      wide.convertTo(frame, CvType.CV_8UC3);
    }

    void release() {
      noise.release();
      wide.release();
    }
  }
}
