package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.objdetect.CascadeClassifier;

/**
 * Haar and LBP cascades for frontal faces (each finds some the other misses) and a Haar cascade for
 * profiles, which knows one side only and so also runs on the mirrored image. Upright faces only: a
 * head tilted by more than about 15° is missed. Not thread-safe, as CascadeClassifier is not.
 */
final class CascadeSet {
  private static final double SCALE_STEP = 1.15;
  private static final int FRONTAL_NEIGHBOURS = 4;
  // The profile model fires on textures more easily than the frontal ones: ask for more votes.
  private static final int PROFILE_NEIGHBOURS = 6;

  // CascadeClassifier has no release(); its native part is freed when the object is collected.
  private final CascadeClassifier frontal = load(CascadeFiles.FRONTAL);
  private final CascadeClassifier frontalLbp = load(CascadeFiles.FRONTAL_LBP);
  private final CascadeClassifier profile = load(CascadeFiles.PROFILE);

  /** Adds the faces of at least {@code minSize} in a grey image, in its pixels. */
  void detect(Mat grey, Size minSize, List<FaceBox> into) {
    Mat mirrored = new Mat();
    try {
      run(frontal, grey, FRONTAL_NEIGHBOURS, minSize, false, into);
      run(frontalLbp, grey, FRONTAL_NEIGHBOURS, minSize, false, into);
      run(profile, grey, PROFILE_NEIGHBOURS, minSize, false, into);
      Core.flip(grey, mirrored, 1);
      run(profile, mirrored, PROFILE_NEIGHBOURS, minSize, true, into);
    } finally {
      mirrored.release();
    }
  }

  /** Frontal faces only: for rotated copies, where the profile model would add little. */
  void detectFrontal(Mat grey, Size minSize, List<FaceBox> into) {
    run(frontal, grey, FRONTAL_NEIGHBOURS, minSize, false, into);
    run(frontalLbp, grey, FRONTAL_NEIGHBOURS, minSize, false, into);
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

  private static CascadeClassifier load(String name) {
    CascadeClassifier classifier = new CascadeClassifier(CascadeFiles.path(name).toString());
    if (classifier.empty()) {
      throw new IllegalStateException("OpenCV could not load cascade " + name);
    }
    return classifier;
  }
}
