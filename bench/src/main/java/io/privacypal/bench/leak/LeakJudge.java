package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Says whether a face is still recognisable in the output, trusting no detector: the face's true
 * box is cut from the source and the output frame, scaled to 72x72 grey and high-passed, and split
 * into a 4x4 grid. A cell whose source has detail keeps {@code R = <hp_src, hp_out> / <hp_src,
 * hp_src>} of it (1 untouched, about 0 once blurred or pixelated); the face-frame is leaked when at
 * least a quarter of its informative cells keep {@code R >= 0.4}.
 */
final class LeakJudge {
  static final int SIZE = 72;
  static final int GRID = 4;

  /**
   * The high-pass: the crop minus a gaussian blur of it with this sigma (72 px scale). Chosen on
   * the clips: a mosaic keeps the coarse shapes of a face (its blocks' means), so too wide a filter
   * counts them as kept. With 3 px, the pipeline's 6x6-cell mosaic of a 24-32 px face still counted
   * as kept in a third of its frames; with 2 px, a fully pixelated 210 px face kept 4 cells of 16
   * along its hair line; with 1.5 px it keeps 3 or fewer, and a plain re-encode still leaks every
   * face-frame.
   */
  static final double HIGH_PASS_SIGMA = 1.5;

  /**
   * A cell is informative when its source high-pass has a mean square of at least this (an RMS of 2
   * grey levels). On the clips (sensor noise sigma 3-4 before the encoder) the cells of faces of
   * every size almost all exceed it (14-16 of 16 on average, the 24-50 px ones too).
   */
  static final double DETAIL_MIN = 4;

  static final double KEPT_R = 0.4;
  static final double LEAKED_SHARE = 0.25;

  /** What the judge saw of one face-frame. */
  record Verdict(int informativeCells, int keptCells) {
    boolean leaked() {
      return informativeCells > 0 && keptCells * 4 >= informativeCells;
    }
  }

  private LeakJudge() {}

  /**
   * Judges one face in one frame; {@code source} and {@code output} are 8-bit grey frames of the
   * same size, {@code box} the face's true box (the part inside the frame is used).
   */
  static Verdict judge(Mat source, Mat output, FaceBox box) {
    return judge(source, output, box, HIGH_PASS_SIGMA, DETAIL_MIN);
  }

  static Verdict judge(Mat source, Mat output, FaceBox box, double sigma, double detailMin) {
    Rect inFrame = inFrame(box, source.cols(), source.rows());
    if (inFrame == null) {
      return new Verdict(0, 0);
    }
    Mat hpSource = highPass(source, inFrame, sigma);
    Mat hpOutput = highPass(output, inFrame, sigma);
    float[] s = new float[SIZE * SIZE];
    float[] o = new float[SIZE * SIZE];
    hpSource.get(0, 0, s);
    hpOutput.get(0, 0, o);
    hpSource.release();
    hpOutput.release();
    int cell = SIZE / GRID;
    int informative = 0;
    int kept = 0;
    for (int gy = 0; gy < GRID; gy++) {
      for (int gx = 0; gx < GRID; gx++) {
        double ss = 0;
        double so = 0;
        for (int y = gy * cell; y < (gy + 1) * cell; y++) {
          for (int x = gx * cell; x < (gx + 1) * cell; x++) {
            int i = y * SIZE + x;
            ss += s[i] * s[i];
            so += s[i] * o[i];
          }
        }
        if (ss / (cell * cell) >= detailMin) {
          informative++;
          kept += so / ss >= KEPT_R ? 1 : 0;
        }
      }
    }
    return new Verdict(informative, kept);
  }

  /** The part of {@code box} inside a frame, or null when under 2 px either way. */
  static Rect inFrame(FaceBox box, int width, int height) {
    int x0 = Math.max(0, (int) Math.round(box.x()));
    int y0 = Math.max(0, (int) Math.round(box.y()));
    int x1 = Math.min(width, (int) Math.round(box.x() + box.width()));
    int y1 = Math.min(height, (int) Math.round(box.y() + box.height()));
    return x1 - x0 < 2 || y1 - y0 < 2 ? null : new Rect(x0, y0, x1 - x0, y1 - y0);
  }

  private static Mat highPass(Mat grey, Rect box, double sigma) {
    Mat crop = grey.submat(box);
    Mat scaled = new Mat();
    boolean shrinking = box.width > SIZE || box.height > SIZE;
    Imgproc.resize(
        crop,
        scaled,
        new Size(SIZE, SIZE),
        0,
        0,
        shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
    crop.release();
    Mat image = new Mat();
    scaled.convertTo(image, CvType.CV_32F);
    scaled.release();
    Mat low = new Mat();
    Imgproc.GaussianBlur(image, low, new Size(0, 0), sigma, sigma, Core.BORDER_REFLECT);
    Core.subtract(image, low, image);
    low.release();
    return image;
  }
}
