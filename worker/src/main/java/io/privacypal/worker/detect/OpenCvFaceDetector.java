package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.opencv.OpenCvNative;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * The offline detector: Haar and LBP cascades for frontal faces (each finds some the other misses)
 * and a Haar cascade for profiles (the profile model knows
 * one side only, so it also runs on the mirrored image). It works on the Y plane, which is already
 * the grey image, downscaled when the frame is large. Thread-safe: CascadeClassifier is not, so
 * each call borrows a set of classifiers from a small pool.
 */
public final class OpenCvFaceDetector implements FaceDetector {
  /** Frames wider than this are downscaled first: faces stay detectable, detection gets faster. */
  private static final int MAX_DETECT_WIDTH = 640;
  /** Smallest face, as a share of the shorter frame side. */
  private static final double MIN_FACE_SHARE = 0.04;
  private static final int MIN_FACE_PIXELS = 20;
  private static final double SCALE_STEP = 1.15;
  private static final int FRONTAL_NEIGHBOURS = 4;
  // The profile model fires on textures more easily than the frontal ones: ask for more votes.
  private static final int PROFILE_NEIGHBOURS = 6;

  private final ConcurrentLinkedQueue<Classifiers> idle = new ConcurrentLinkedQueue<>();

  public OpenCvFaceDetector() {
    OpenCvNative.load();
    idle.add(newClassifiers());
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) {
    Classifiers classifiers = borrow();
    Mat luma = lumaPlane(image);
    Mat work = new Mat();
    Mat mirrored = new Mat();
    try {
      double scale = Math.min(1.0, (double) MAX_DETECT_WIDTH / image.width());
      if (scale < 1.0) {
        Imgproc.resize(luma, work, new Size(), scale, scale, Imgproc.INTER_AREA);
      } else {
        luma.copyTo(work);
      }
      int minFace =
          (int) Math.max(MIN_FACE_PIXELS, MIN_FACE_SHARE * Math.min(work.cols(), work.rows()));
      Size minSize = new Size(minFace, minFace);

      List<FaceBox> found = new ArrayList<>();
      run(classifiers.frontal, work, FRONTAL_NEIGHBOURS, minSize, false, found);
      run(classifiers.frontalLbp, work, FRONTAL_NEIGHBOURS, minSize, false, found);
      run(classifiers.profile, work, PROFILE_NEIGHBOURS, minSize, false, found);
      Core.flip(work, mirrored, 1);
      run(classifiers.profile, mirrored, PROFILE_NEIGHBOURS, minSize, true, found);

      List<FaceBox> result = new ArrayList<>();
      for (FaceBox box : BoxMerger.merge(found)) {
        result.add(
            new FaceBox(
                box.x() / scale, box.y() / scale, box.width() / scale, box.height() / scale,
                box.confidence()));
      }
      return result;
    } finally {
      luma.release();
      work.release();
      mirrored.release();
      idle.add(classifiers);
    }
  }

  private static void run(
      CascadeClassifier classifier,
      Mat image,
      int neighbours,
      Size minSize,
      boolean mirrored,
      List<FaceBox> into) {
    MatOfRect rects = new MatOfRect();
    MatOfInt counts = new MatOfInt();
    try {
      classifier.detectMultiScale2(image, rects, counts, SCALE_STEP, neighbours, 0, minSize);
      Rect[] found = rects.toArray();
      if (found.length == 0) {
        return; // an empty count Mat has no type, and toArray() would throw
      }
      int[] neighbourCounts = counts.toArray();
      for (int i = 0; i < found.length; i++) {
        Rect r = found[i];
        double x = mirrored ? image.cols() - r.x - r.width : r.x;
        int votes = i < neighbourCounts.length ? neighbourCounts[i] : neighbours;
        double confidence = Math.min(1.0, votes / (3.0 * neighbours));
        into.add(new FaceBox(x, r.y, r.width, r.height, confidence));
      }
    } finally {
      rects.release();
      counts.release();
    }
  }

  /** The Y plane without a copy when the buffer is direct (frames from the decoder always are). */
  private static Mat lumaPlane(KeyframeImage image) {
    int lumaSize = image.width() * image.height();
    ByteBuffer source = image.i420().duplicate();
    if (source.isDirect()) {
      ByteBuffer y = source.limit(source.position() + lumaSize).slice();
      return new Mat(image.height(), image.width(), CvType.CV_8UC1, y);
    }
    byte[] copy = new byte[lumaSize];
    source.get(copy);
    Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC1);
    mat.put(0, 0, copy);
    return mat;
  }

  private Classifiers borrow() {
    Classifiers classifiers = idle.poll();
    return classifiers != null ? classifiers : newClassifiers();
  }

  // CascadeClassifier has no release(); its native part is freed when the object is collected.
  private static Classifiers newClassifiers() {
    return new Classifiers(
        load(CascadeFiles.FRONTAL), load(CascadeFiles.FRONTAL_LBP), load(CascadeFiles.PROFILE));
  }

  private static CascadeClassifier load(String name) {
    CascadeClassifier classifier = new CascadeClassifier(CascadeFiles.path(name).toString());
    if (classifier.empty()) {
      throw new IllegalStateException("OpenCV could not load cascade " + name);
    }
    return classifier;
  }

  private static final class Classifiers {
    final CascadeClassifier frontal;
    final CascadeClassifier frontalLbp;
    final CascadeClassifier profile;

    Classifiers(CascadeClassifier frontal, CascadeClassifier frontalLbp, CascadeClassifier profile) {
      this.frontal = frontal;
      this.frontalLbp = frontalLbp;
      this.profile = profile;
    }
  }
}
