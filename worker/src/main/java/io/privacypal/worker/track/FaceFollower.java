package io.privacypal.worker.track;

import io.privacypal.common.detect.FaceBox;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Follows one face from the keyframe that found it through buffered frames (forwards or backwards)
 * by finding its look at that keyframe again in each frame: normalised correlation of the grey
 * pixels, searched only as far from the last place as a face can move in one frame. Used where the
 * keyframes alone cannot tell the path: faces seen at only one of two keyframes, and faces that
 * could be paired more than one way (fast rows, crossings). It stops when the face is lost.
 *
 * <p>For a detector that answers whole heads it looks for the face inside the head box: a small
 * head's box is mostly the background around it, which stays put while the face moves, and its look
 * was found again in the background (a 32 px face leaving at 60 px a frame was followed back as if
 * it stood still, and leaked for 7 frames of the leak benchmark's fast-edges).
 */
final class FaceFollower {
  /** Below this the best place no longer looks like the face (it left, turned or was covered). */
  static final double MIN_SIMILARITY = 0.5;

  private static final int MIN_TEMPLATE = 8;

  /**
   * A patch flatter than this (grey-level deviation) looks the same everywhere: nothing to follow.
   */
  private static final double MIN_DETAIL = 2;

  private final int width;
  private final int height;
  private final int step;
  private final double faceShare;

  /** For frames of this size and rate, with boxes that are faces. */
  FaceFollower(int width, int height, double frameRate) {
    this(width, height, frameRate, 1);
  }

  /**
   * For frames of this size and rate (a face moves at most {@link EdgeSweep}'s top speed), with
   * boxes whose face takes {@code faceShare} of each side.
   */
  FaceFollower(int width, int height, double frameRate, double faceShare) {
    this.width = width;
    this.height = height;
    this.faceShare = faceShare;
    this.step =
        (int)
            Math.ceil(
                FaceTracker.REACH_MARGIN * EdgeSweep.topSpeed(Math.max(width, height), frameRate));
  }

  /**
   * @param keyframe the grey plane of the frame where {@code face} was found
   * @param face the face at that keyframe
   * @param frames grey planes in the order to visit them, nearest to the keyframe first
   * @return the face's box in each visited frame until it is lost (so possibly fewer than given)
   */
  List<FaceBox> follow(Mat keyframe, FaceBox face, List<Mat> frames) {
    List<FaceBox> path = new ArrayList<>();
    FaceBox inner = face.scaled(faceShare);
    Rect start = clip(inner.x(), inner.y(), inner.width(), inner.height());
    if (start == null || start.width < MIN_TEMPLATE || start.height < MIN_TEMPLATE) {
      return path;
    }
    // Where the box lies around the face, so each place found is answered as the whole box.
    double left = face.x() - start.x;
    double top = face.y() - start.y;
    Mat template = keyframe.submat(start);
    Mat scores = new Mat();
    try {
      if (!hasDetail(template)) {
        return path;
      }
      Rect last = start;
      for (Mat frame : frames) {
        Rect area =
            clip(last.x - step, last.y - step, last.width + 2.0 * step, last.height + 2.0 * step);
        if (area == null || area.width < start.width || area.height < start.height) {
          break; // pushed against an edge: the face is leaving the picture
        }
        Mat search = frame.submat(area);
        try {
          Imgproc.matchTemplate(search, template, scores, Imgproc.TM_CCOEFF_NORMED);
          Core.MinMaxLocResult best = Core.minMaxLoc(scores);
          if (!(best.maxVal >= MIN_SIMILARITY)) {
            break;
          }
          last =
              new Rect(
                  area.x + (int) best.maxLoc.x,
                  area.y + (int) best.maxLoc.y,
                  start.width,
                  start.height);
          path.add(
              new FaceBox(
                  last.x + left, last.y + top, face.width(), face.height(), face.confidence()));
        } finally {
          search.release();
        }
      }
    } finally {
      template.release();
      scores.release();
    }
    return path;
  }

  private static boolean hasDetail(Mat patch) {
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble deviation = new MatOfDouble();
    try {
      Core.meanStdDev(patch, mean, deviation);
      return deviation.get(0, 0)[0] >= MIN_DETAIL;
    } finally {
      mean.release();
      deviation.release();
    }
  }

  private Rect clip(double x, double y, double w, double h) {
    int left = (int) Math.max(0, Math.floor(x));
    int top = (int) Math.max(0, Math.floor(y));
    int right = (int) Math.min(width, Math.ceil(x + w));
    int bottom = (int) Math.min(height, Math.ceil(y + h));
    return right > left && bottom > top ? new Rect(left, top, right - left, bottom - top) : null;
  }
}
