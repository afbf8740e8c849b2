package io.privacypal.worker.detect;

import io.privacypal.worker.opencv.I420Mats;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.opencv.OpenCvNative;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline detector. With MediaPipe's BlazeFace model (see {@link FaceModelFiles}) it runs that
 * network on the whole frame and on overlapping square tiles of it, so that small faces in a wide
 * frame are still big enough for its 192x192 input. Without the model it falls back to the
 * cascades of {@link CascadeSet}, on the image and on copies turned by ±25° for tilted heads. Boxes of one face are joined by
 * {@link BoxMerger}. Thread-safe: each call borrows a set of models from a pool.
 */
public final class OpenCvFaceDetector implements FaceDetector {
  /** Frames wider than this are downscaled for the cascades: faster, faces stay detectable. */
  private static final int MAX_DETECT_WIDTH = 640;
  /** Smallest face, as a share of the shorter frame side. */
  private static final double MIN_FACE_SHARE = 0.04;
  private static final int MIN_FACE_PIXELS = 20;
  /** Lower than MediaPipe's 0.5: a missed face leaks, an extra box only blurs. */
  private static final double MIN_FACE_SCORE = 0.4;
  /**
   * Tiles of 2/3 of the shorter side (8 at 16:9, plus the whole frame): faces down to about 40 px
   * at 1280x720 fill enough of the network's input. Tiles of the full shorter side (3 runs) miss
   * one face in 22 at that size, halves (15 runs) find no more and cost twice as much.
   */
  private static final double TILE_SHARE = 0.67;
  /**
   * The cascades find heads tilted by up to about 15°: they also search copies turned by these
   * angles (frontal models only). On the labelled frames this finds 21 faces of 22 instead of 16,
   * for about twice the time; four angles (±20°, ±35°) find no more.
   */
  private static final double[] TILT_ANGLES = {-25, 25};

  private static final Logger log = LoggerFactory.getLogger(OpenCvFaceDetector.class);

  private final Optional<Path> faceModel;
  private final ConcurrentLinkedQueue<Models> idle = new ConcurrentLinkedQueue<>();

  /** With the BlazeFace model when it can be found or fetched, else with the cascades alone. */
  public OpenCvFaceDetector() {
    this(FaceModelFiles.blazeFace());
  }

  /** With the given BlazeFace model file, or with the cascades alone when empty. */
  public OpenCvFaceDetector(Optional<Path> faceModel) {
    OpenCvNative.load();
    this.faceModel = faceModel;
    idle.add(newModels());
  }

  @Override
  public String name() {
    return "local";
  }

  /**
   * One: a call keeps a core busy, the job's own loop decodes and encodes meanwhile, and the worker
   * already runs one job per CPU by default; each overlapping call would also need its own models.
   */
  @Override
  public int maxConcurrentCalls() {
    return 1;
  }

  /**
   * With the network, one that skips the squares of a keyframe whose pixels have not changed since
   * they were last searched ({@link TileMemory}): on a still camera most of the picture.
   */
  @Override
  public FaceDetector forVideo() {
    return faceModel.isEmpty() ? this : new OneVideo(new TileMemory());
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) {
    return detect(image, null);
  }

  private List<FaceBox> detect(KeyframeImage image, TileMemory memory) {
    Models models = borrow();
    try {
      List<FaceBox> found = new ArrayList<>();
      // The network finds every face the cascades find and many more, at a fifth of the cost.
      if (models.blazeFace != null) {
        detectWithNetwork(models.blazeFace, image, memory, found);
      } else {
        detectWithCascades(models.cascades, image, found);
      }
      return BoxMerger.merge(found);
    } finally {
      idle.add(models);
    }
  }

  private static void detectWithNetwork(
      BlazeFaceNet net, KeyframeImage image, TileMemory memory, List<FaceBox> into) {
    Mat i420 = I420Mats.frame(image);
    Mat luma = memory == null ? null : I420Mats.luma(image);
    Mat rgb = new Mat();
    try {
      boolean searchAll = memory == null || memory.startKeyframe();
      for (Tiles.Square square : Tiles.of(image.width(), image.height(), TILE_SHARE)) {
        Mat look = memory == null ? null : TileMemory.look(luma, square);
        if (!searchAll) {
          List<FaceBox> known = memory.unchanged(square, look);
          if (known != null) {
            into.addAll(known);
            memory.reused();
            look.release();
            continue;
          }
        }
        if (rgb.empty()) {
          Imgproc.cvtColor(i420, rgb, Imgproc.COLOR_YUV2RGB_I420);
        }
        List<FaceBox> faces = new ArrayList<>();
        net.detect(rgb, square.x(), square.y(), square.side(), faces);
        into.addAll(faces);
        if (memory != null) {
          memory.remember(square, look, faces);
        }
      }
    } finally {
      i420.release();
      if (luma != null) {
        luma.release();
      }
      rgb.release();
    }
  }

  private static void detectWithCascades(CascadeSet cascades, KeyframeImage image, List<FaceBox> into) {
    Mat luma = I420Mats.luma(image);
    Mat work = new Mat();
    try {
      double scale = Math.min(1.0, (double) MAX_DETECT_WIDTH / image.width());
      if (scale < 1.0) {
        Imgproc.resize(luma, work, new Size(), scale, scale, Imgproc.INTER_AREA);
      } else {
        luma.copyTo(work);
      }
      int minFace =
          (int) Math.max(MIN_FACE_PIXELS, MIN_FACE_SHARE * Math.min(work.cols(), work.rows()));
      List<FaceBox> found = new ArrayList<>();
      Size minSize = new Size(minFace, minFace);
      cascades.detect(work, minSize, found);
      for (double angle : TILT_ANGLES) {
        RotatedSearch.detect(work, angle,
            (rotated, boxes) -> cascades.detectFrontal(rotated, minSize, boxes), found);
      }
      for (FaceBox box : found) {
        into.add(new FaceBox(box.x() / scale, box.y() / scale, box.width() / scale,
            box.height() / scale, box.confidence()));
      }
    } finally {
      luma.release();
      work.release();
    }
  }

  private Models borrow() {
    Models models = idle.poll();
    return models != null ? models : newModels();
  }

  private Models newModels() {
    return faceModel
        .map(path -> new Models(null, new BlazeFaceNet(path, MIN_FACE_SCORE)))
        .orElseGet(() -> new Models(new CascadeSet(), null));
  }

  /** This detector for one video's keyframes, with what it saw of them. */
  private final class OneVideo implements FaceDetector {
    private final TileMemory memory;

    OneVideo(TileMemory memory) {
      this.memory = memory;
    }

    @Override
    public List<FaceBox> detect(KeyframeImage image) {
      return OpenCvFaceDetector.this.detect(image, memory);
    }

    @Override
    public String name() {
      return OpenCvFaceDetector.this.name();
    }

    @Override
    public int maxConcurrentCalls() {
      return OpenCvFaceDetector.this.maxConcurrentCalls();
    }

    @Override
    public void close() {
      long[] counts = memory.counts();
      log.debug("tile memory: {} squares searched, {} unchanged and reused", counts[0], counts[1]);
      memory.close();
    }
  }

  /** One of the two is set: the network when there is a model, else the cascades. */
  private record Models(CascadeSet cascades, BlazeFaceNet blazeFace) {}
}
