package io.privacypal.worker.detect;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.opencv.I420Mats;
import io.privacypal.worker.opencv.OpenCvNative;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline detectors. {@code local}: MediaPipe's BlazeFace model (see {@link FaceModelFiles}) on
 * the whole frame and on overlapping square tiles of it, so that small faces in a wide frame are
 * still big enough for its 192x192 input; each face's key points give the box of its whole head
 * ({@link BlazeFaceHeads}). {@code cascades}, only when chosen by name: the cascades of {@link
 * CascadeSet}, on the image and on copies turned by ±25° for tilted heads, each face box grown to a
 * head as for an upright face of unknown turn. Boxes of one head are joined by {@link BoxMerger}.
 * Thread-safe: each call borrows a set of models from a pool.
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
   * Tiles of 360 px, or half the shorter side when that is less: sized for the smallest head to
   * find, not for the frame, so that a 24 px head is 13 px of the network's 192 px input at any
   * resolution (15 tiles plus the whole frame at 1280x720, 28 at 1920x1080). On the labelled heads
   * turned up to a profile and tilted ±30° at 24-300 px in a 1280x720 frame (TurnedHeadRecallTest)
   * they find 384 of 396 (cut from the frame shrunk once; 382 shrinking each tile), where tiles of
   * 2/3 (9 runs) found 368 and missed more than a quarter of the 24 px heads, and running those on
   * the mirrored frame as well (18 runs) found 379. At 1920x1080 tiles of half the height (540 px,
   * 15 tiles) found 11 of 22 heads of 24 px, 15 of 32 px and 20 of 48 px (SmallHeadRecallTest) and
   * let them leak for whole clips on the leak benchmark; 360 px tiles find 18, 21 and 22 for twice
   * the CPU.
   */
  private static final int TILE_PIXELS = 360;

  private static final double MAX_TILE_SHARE = 0.5;

  /**
   * The cascades find heads tilted by up to about 15°: they also search copies turned by these
   * angles (frontal models only). On the labelled frames this finds 21 faces of 22 instead of 16,
   * for about twice the time; four angles (±20°, ±35°) find no more.
   */
  private static final double[] TILT_ANGLES = {-25, 25};

  /**
   * About the share of a head box's side that its face takes: a frontal head is about 1.1x its
   * BlazeFace box, a turned one up to 1.6x across, and joining a face's boxes widens it further.
   */
  static final double HEAD_FACE_SHARE = 0.7;

  private static final Logger log = LoggerFactory.getLogger(OpenCvFaceDetector.class);

  private final Optional<Path> faceModel;
  private final ConcurrentLinkedQueue<Models> idle = new ConcurrentLinkedQueue<>();

  /**
   * With the BlazeFace model named by PRIVACYPAL_FACE_MODEL, cached or fetched.
   *
   * @throws io.privacypal.common.config.ConfigException when there is none, saying how to get it
   */
  public OpenCvFaceDetector() {
    this(FaceModelFiles.blazeFace());
  }

  /** With the given BlazeFace model file; loads it now, so a bad file fails here. */
  public OpenCvFaceDetector(Path faceModel) {
    this(Optional.of(faceModel));
  }

  private OpenCvFaceDetector(Optional<Path> faceModel) {
    OpenCvNative.load();
    this.faceModel = faceModel;
    idle.add(newModels());
  }

  /** OpenCV's Haar/LBP cascades alone: weaker, for an operator who chooses them by name. */
  public static OpenCvFaceDetector cascades() {
    return new OpenCvFaceDetector(Optional.empty());
  }

  @Override
  public String name() {
    return faceModel.isPresent() ? "local" : "cascades";
  }

  @Override
  public String model() {
    return faceModel
        .map(
            path ->
                "BlazeFace full-range " + path.getFileName() + " (" + FaceModelFiles.PACKAGE + ")")
        .orElse(
            "OpenCV cascades "
                + CascadeFiles.FRONTAL
                + ", "
                + CascadeFiles.FRONTAL_LBP
                + ", "
                + CascadeFiles.PROFILE);
  }

  /** The face inside a head box ({@link BlazeFaceHeads}, {@link CascadeHeads}). */
  @Override
  public double faceShare() {
    return HEAD_FACE_SHARE;
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
    return forVideo(SearchSchedule.FULL_EVERY);
  }

  /** As {@link #forVideo()}, searching in full every {@code fullEvery}th keyframe. */
  FaceDetector forVideo(int fullEvery) {
    return faceModel.isEmpty() ? this : new OneVideo(new SearchSchedule(fullEvery));
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) {
    return detect(image, null, null, List.of());
  }

  private List<FaceBox> detect(
      KeyframeImage image,
      TileMemory<BoxMerger.Found> memory,
      SearchSchedule schedule,
      List<FaceBox> known) {
    Models models = borrow();
    try {
      List<BoxMerger.Found> found = new ArrayList<>();
      // The network finds every face the cascades find and many more, at a fifth of the cost.
      if (models.blazeFace != null) {
        detectWithNetwork(models.blazeFace, image, memory, schedule, known, found);
      } else {
        detectWithCascades(models.cascades, image, found);
      }
      return BoxMerger.mergeHeads(found);
    } finally {
      idle.add(models);
    }
  }

  private static void detectWithNetwork(
      BlazeFaceNet net,
      KeyframeImage image,
      TileMemory<BoxMerger.Found> memory,
      SearchSchedule schedule,
      List<FaceBox> known,
      List<BoxMerger.Found> into) {
    Mat i420 = I420Mats.frame(image);
    Mat luma = memory == null ? null : I420Mats.luma(image);
    Mat rgb = new Mat();
    Mat shrunk = new Mat();
    try {
      boolean searchAll = memory == null || memory.startKeyframe();
      int tileSide = tileSide(image);
      // The frame shrunk once to the tiles' scale, where they are cut from: the overlapping tiles
      // shrunk one by one cost a fifth of the detector's CPU at 1920x1080. Never enlarged.
      double shrink = Math.min(1, (double) BlazeFaceNet.INPUT / tileSide);
      List<Tiles.Square> squares = Tiles.of(image.width(), image.height(), tileSide);
      if (schedule != null) {
        squares = schedule.squares(luma, squares, known);
      }
      for (Tiles.Square square : squares) {
        Mat look = memory == null ? null : TileMemory.look(luma, square);
        if (!searchAll) {
          List<BoxMerger.Found> unchanged = memory.unchanged(square, look);
          if (unchanged != null) {
            into.addAll(unchanged);
            memory.reused();
            look.release();
            continue;
          }
        }
        if (shrunk.empty()) {
          if (rgb.empty()) {
            Imgproc.cvtColor(i420, rgb, Imgproc.COLOR_YUV2RGB_I420);
          }
          Size size =
              new Size(Math.round(image.width() * shrink), Math.round(image.height() * shrink));
          Imgproc.resize(rgb, shrunk, size, 0, 0, Imgproc.INTER_AREA);
        }
        List<BlazeFaceNet.Face> found = new ArrayList<>();
        net.detect(
            shrunk,
            shrink,
            square.x(),
            square.y(),
            square.side(),
            image.width(),
            image.height(),
            found);
        List<BoxMerger.Found> faces = heads(found, image);
        into.addAll(faces);
        if (memory != null) {
          memory.remember(square, look, faces);
        }
      }
      List<FaceBox> heads = into.stream().map(BoxMerger.Found::head).toList();
      for (FaceBox head : known) {
        if (NearKnownFaces.lost(head, heads)) {
          if (rgb.empty()) {
            Imgproc.cvtColor(i420, rgb, Imgproc.COLOR_YUV2RGB_I420);
          }
          List<BlazeFaceNet.Face> found = new ArrayList<>();
          NearKnownFaces.search(net, rgb, head, found);
          into.addAll(heads(found, image));
        }
      }
    } finally {
      i420.release();
      if (luma != null) {
        luma.release();
      }
      rgb.release();
      shrunk.release();
    }
  }

  private static List<BoxMerger.Found> heads(List<BlazeFaceNet.Face> faces, KeyframeImage image) {
    List<BoxMerger.Found> found = new ArrayList<>(faces.size());
    for (BlazeFaceNet.Face face : faces) {
      found.add(
          new BoxMerger.Found(
              face.box(), BlazeFaceHeads.head(face, image.width(), image.height())));
    }
    return found;
  }

  private static int tileSide(KeyframeImage image) {
    return (int) Math.min(TILE_PIXELS, MAX_TILE_SHARE * Math.min(image.width(), image.height()));
  }

  private static void detectWithCascades(
      CascadeSet cascades, KeyframeImage image, List<BoxMerger.Found> into) {
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
        RotatedSearch.detect(
            work,
            angle,
            (rotated, boxes) -> cascades.detectFrontal(rotated, minSize, boxes),
            found);
      }
      for (FaceBox box : found) {
        FaceBox face =
            new FaceBox(
                box.x() / scale,
                box.y() / scale,
                box.width() / scale,
                box.height() / scale,
                box.confidence());
        into.add(new BoxMerger.Found(face, CascadeHeads.head(face, image.width(), image.height())));
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
    private final TileMemory<BoxMerger.Found> memory = new TileMemory<>();
    private final SearchSchedule schedule;
    private final KnownHeads known = new KnownHeads();

    OneVideo(SearchSchedule schedule) {
      this.schedule = schedule;
    }

    @Override
    public synchronized List<FaceBox> detect(KeyframeImage image) {
      List<FaceBox> heads = OpenCvFaceDetector.this.detect(image, memory, schedule, known.boxes());
      known.update(heads);
      return heads;
    }

    @Override
    public String name() {
      return OpenCvFaceDetector.this.name();
    }

    @Override
    public double faceShare() {
      return OpenCvFaceDetector.this.faceShare();
    }

    @Override
    public int maxConcurrentCalls() {
      return OpenCvFaceDetector.this.maxConcurrentCalls();
    }

    @Override
    public void close() {
      long[] counts = memory.counts();
      long[] scheduled = schedule.counts();
      log.debug(
          "squares: {} searched, {} unchanged and reused, {} left to the schedule",
          counts[0],
          counts[1],
          scheduled[1]);
      memory.close();
      schedule.close();
    }
  }

  /** One of the two is set: the network when there is a model, else the cascades. */
  private record Models(CascadeSet cascades, BlazeFaceNet blazeFace) {}
}
