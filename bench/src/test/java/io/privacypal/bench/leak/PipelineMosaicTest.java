package io.privacypal.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.MaskShape;
import io.privacypal.worker.blur.FrameBlurrer;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.video.Frame;
import io.privacypal.worker.video.FramePool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The pipeline's own mosaic, judged: a cover a few pixels larger than a true head of 30-150 px,
 * wherever its cells fall, keeps no recognisable detail. The ground-truth detector's covers are
 * that tight. With a grid of each cover's own, 10 cells across a cover left 11 of 990 covers
 * leaking, 12 cells 54. The grid is the frame's now, so the picture is also moved across it: with
 * the softening a cell wide, 27 of the 8,910 placements of three phases leaked (one 60 px head).
 */
class PipelineMosaicTest {
  private static final double[] SCALES = {0.2, 0.25, 0.3, 0.4, 0.5};
  private static final int MARGIN = 2;
  private static final int[] SHIFTS = {-2, 0, 2};

  /** The picture moved by quarters of a cell across and down, so the grid falls all over it. */
  private static final int PHASES = 4;

  @Test
  void aMosaicJustLargerThanAHeadLeaksNothingWhereverItsGridFalls() {
    OpenCvNative.load();
    FrameBlurrer mosaic = new FrameBlurrer(BlurMode.MOSAIC, MaskShape.BOX);
    List<String> leaked = new ArrayList<>();
    int judged = 0;
    for (int photo = 1; photo <= 6; photo++) {
      Mat grey = Imgcodecs.imread(FacePhotos.sample(photo).toString(), Imgcodecs.IMREAD_GRAYSCALE);
      for (double scale : SCALES) {
        Mat scaled = new Mat();
        Imgproc.resize(grey, scaled, new Size(), scale, scale, Imgproc.INTER_AREA);
        Mat source = scaled.submat(new Rect(0, 0, scaled.cols() & ~1, scaled.rows() & ~1));
        // Room to move the picture by up to a cell: the mosaic's grid is the frame's.
        int room = 32;
        try (FramePool pool = new FramePool(source.cols() + room, source.rows() + room, 1)) {
          Frame frame = pool.acquire();
          for (FaceBox labelled : HeadLabels.heads(photo)) {
            FaceBox head = scaledBox(labelled, scale);
            double cell = Math.min(head.width(), head.height()) / 6;
            for (int phase = 0; phase < PHASES * PHASES; phase++) {
              int px = (int) (cell * (phase % PHASES) / PHASES);
              int py = (int) (cell * (phase / PHASES) / PHASES);
              Mat placed = frame.y().submat(new Rect(px, py, source.cols(), source.rows()));
              for (int dx : SHIFTS) {
                for (int dy : SHIFTS) {
                  source.copyTo(placed);
                  PixelBox.cover(
                          shifted(head, px + dx, py + dy), 1.0, frame.width(), frame.height())
                      .ifPresent(cover -> mosaic.apply(frame, List.of(cover)));
                  LeakJudge.Verdict verdict = LeakJudge.judge(source, placed, head);
                  judged++;
                  if (verdict.leaked()) {
                    leaked.add(
                        "photo %d head %s at %.1fx, picture moved %d,%d, cover %d,%d more: %d of %d cells kept"
                            .formatted(
                                photo,
                                labelled,
                                scale,
                                px,
                                py,
                                dx,
                                dy,
                                verdict.keptCells(),
                                verdict.informativeCells()));
                  }
                }
              }
              placed.release();
            }
          }
          pool.release(frame);
        }
      }
    }

    assertThat(judged).isEqualTo(990 * PHASES * PHASES);
    assertThat(leaked).isEmpty();
  }

  private static FaceBox scaledBox(FaceBox box, double scale) {
    return new FaceBox(
        box.x() * scale, box.y() * scale, box.width() * scale, box.height() * scale, 1);
  }

  /** The head grown by {@code MARGIN} pixels on each side and moved: still all of it inside. */
  private static FaceBox shifted(FaceBox box, int dx, int dy) {
    return new FaceBox(
        box.x() - MARGIN + dx,
        box.y() - MARGIN + dy,
        box.width() + 2 * MARGIN,
        box.height() + 2 * MARGIN,
        1);
  }
}
