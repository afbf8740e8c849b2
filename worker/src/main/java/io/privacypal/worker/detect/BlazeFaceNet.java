package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

/**
 * MediaPipe's BlazeFace full-range network on OpenCV DNN: a 192x192 RGB input, one anchor per cell
 * of a 48x48 grid, each with a face score and a box relative to the anchor. Trained on faces turned
 * and tilted as people hold them, it finds what the upright-only cascades miss. Not thread-safe: a
 * Net keeps its buffers between calls.
 */
final class BlazeFaceNet {
  static final int INPUT = 192;
  private static final int GRID = 48;
  private static final int VALUES_PER_ANCHOR = 16; // box (4) then six key points (x, y)
  private static final int KEYPOINTS = 6;

  /**
   * A face as the network sees it: its box (brows to chin) and its six key points in the image's
   * pixels, in the model's order: right eye, left eye, nose tip, mouth, right and left ear tragion
   * (the person's right, on the image's left when they face the camera).
   */
  record Face(FaceBox box, double[] keypoints) {
    double x(int point) {
      return keypoints[2 * point];
    }

    double y(int point) {
      return keypoints[2 * point + 1];
    }
  }

  private final Net net;
  private final List<String> outputs;
  private final double minScore;

  BlazeFaceNet(Path model, double minScore) {
    this.net = Dnn.readNetFromTFLite(model.toString());
    if (net.empty()) {
      throw new IllegalStateException("OpenCV could not load the face model " + model);
    }
    this.outputs = net.getUnconnectedOutLayersNames();
    this.minScore = minScore;
  }

  /**
   * Adds the faces in the square {@code side} x {@code side} at ({@code x0}, {@code y0}) of an RGB
   * image, in the image's pixels; the part of the square outside the image is black.
   */
  void detect(Mat rgb, int x0, int y0, int side, List<Face> into) {
    detect(rgb, 1, x0, y0, side, rgb.cols(), rgb.rows(), into);
  }

  /**
   * As {@link #detect(Mat, int, int, int, List)} for a square of a {@code width x height} image,
   * read from a copy of that image shrunk by {@code shrink}: one shrink of the whole frame to the
   * tiles' scale costs less than shrinking every tile, since they overlap.
   */
  void detect(
      Mat shrunk, double shrink, int x0, int y0, int side, int width, int height, List<Face> into) {
    double shrunkSide = side * shrink;
    double scale = INPUT / shrunkSide;
    int sx = (int) Math.round(x0 * shrink);
    int sy = (int) Math.round(y0 * shrink);
    int sside = (int) Math.round(shrunkSide);
    Rect crop =
        new Rect(sx, sy, Math.min(sside, shrunk.cols() - sx), Math.min(sside, shrunk.rows() - sy));
    Mat region = shrunk.submat(crop);
    Mat small = new Mat();
    Mat square = new Mat();
    Mat blob = null;
    List<Mat> results = new ArrayList<>();
    try {
      int w = Math.min(INPUT, (int) Math.round(crop.width * scale));
      int h = Math.min(INPUT, (int) Math.round(crop.height * scale));
      Imgproc.resize(region, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
      Core.copyMakeBorder(
          small, square, 0, INPUT - h, 0, INPUT - w, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
      // The model wants RGB in [-1, 1].
      blob =
          Dnn.blobFromImage(
              square,
              1 / 127.5,
              new Size(INPUT, INPUT),
              new Scalar(127.5, 127.5, 127.5),
              false,
              false);
      net.setInput(blob);
      net.forward(results, outputs);
      decode(results, x0, y0, side, width, height, into);
    } finally {
      region.release();
      small.release();
      square.release();
      if (blob != null) {
        blob.release();
      }
      results.forEach(Mat::release);
    }
  }

  private void decode(
      List<Mat> results, int x0, int y0, int side, int width, int height, List<Face> into) {
    int anchors = GRID * GRID;
    Mat scoresMat = results.get(0).total() == anchors ? results.get(0) : results.get(1);
    Mat boxesMat = scoresMat == results.get(0) ? results.get(1) : results.get(0);
    float[] scores = new float[anchors];
    float[] boxes = new float[anchors * VALUES_PER_ANCHOR];
    Mat flatScores = scoresMat.reshape(1, 1);
    Mat flatBoxes = boxesMat.reshape(1, 1);
    try {
      flatScores.get(0, 0, scores);
      flatBoxes.get(0, 0, boxes);
    } finally {
      flatScores.release();
      flatBoxes.release();
    }
    for (int i = 0; i < anchors; i++) {
      double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, scores[i]))));
      if (score < minScore) {
        continue;
      }
      int o = i * VALUES_PER_ANCHOR;
      double anchorX = ((i % GRID) + 0.5) / GRID;
      double anchorY = ((i / GRID) + 0.5) / GRID;
      double cx = anchorX + boxes[o] / INPUT;
      double cy = anchorY + boxes[o + 1] / INPUT;
      double w = boxes[o + 2] / INPUT;
      double h = boxes[o + 3] / INPUT;
      double left = Math.max(0, x0 + (cx - w / 2) * side);
      double top = Math.max(0, y0 + (cy - h / 2) * side);
      double right = Math.min(width, x0 + (cx + w / 2) * side);
      double bottom = Math.min(height, y0 + (cy + h / 2) * side);
      if (right > left && bottom > top) {
        double[] keypoints = new double[2 * KEYPOINTS];
        for (int k = 0; k < KEYPOINTS; k++) {
          keypoints[2 * k] = x0 + (anchorX + boxes[o + 4 + 2 * k] / INPUT) * side;
          keypoints[2 * k + 1] = y0 + (anchorY + boxes[o + 5 + 2 * k] / INPUT) * side;
        }
        into.add(new Face(new FaceBox(left, top, right - left, bottom - top, score), keypoints));
      }
    }
  }
}
