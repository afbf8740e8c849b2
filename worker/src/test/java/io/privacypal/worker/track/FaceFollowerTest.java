package io.privacypal.worker.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.RawFrames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class FaceFollowerTest {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int PHOTO_W = 320;
  private static final int PHOTO_H = 212;

  /** 640 px at 25 fps: a face may move up to 13 px a frame. */
  private final FaceFollower follower = new FaceFollower(WIDTH, HEIGHT, 25);

  private final List<Mat> mats = new ArrayList<>();
  private static Mat photo;

  @BeforeAll
  static void loadPhoto() throws Exception {
    OpenCvNative.load();
    KeyframeImage image = RawFrames.i420(FacePhotos.sample(3), PHOTO_W, PHOTO_H);
    byte[] luma = new byte[PHOTO_W * PHOTO_H];
    image.i420().duplicate().get(luma);
    photo = new Mat(PHOTO_H, PHOTO_W, CvType.CV_8UC1);
    photo.put(0, 0, luma);
  }

  @AfterEach
  void release() {
    mats.forEach(Mat::release);
  }

  /** A grey frame with the photo's grey plane pasted at (x, y). */
  private Mat frameWithPhotoAt(int x, int y) {
    Mat frame = new Mat(HEIGHT, WIDTH, CvType.CV_8UC1, new Scalar(90));
    int left = Math.max(0, x);
    int right = Math.min(WIDTH, x + PHOTO_W);
    if (right > left) {
      Mat source = photo.submat(new Rect(left - x, 0, right - left, PHOTO_H));
      Mat target = frame.submat(new Rect(left, y, right - left, PHOTO_H));
      source.copyTo(target);
      source.release();
      target.release();
    }
    mats.add(frame);
    return frame;
  }

  @Test
  void followsAFaceFrameByFrameAsItMoves() {
    Mat keyframe = frameWithPhotoAt(100, 60);
    FaceBox face = new FaceBox(100 + 110, 60 + 40, 50, 50, 0.9);
    List<Mat> frames = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      frames.add(frameWithPhotoAt(100 + 10 * n, 60 + 2 * n));
    }

    List<FaceBox> path = follower.follow(keyframe, face, frames);

    assertThat(path).hasSize(6);
    for (int n = 1; n <= 6; n++) {
      assertThat(path.get(n - 1).x())
          .as("x in frame %d", n)
          .isCloseTo(face.x() + 10 * n, within(1.0));
      assertThat(path.get(n - 1).y())
          .as("y in frame %d", n)
          .isCloseTo(face.y() + 2 * n, within(1.0));
    }
  }

  /**
   * A small face moving fast over a detailed background that stays put, given as a head box as
   * large around it as the local detector's (its face 0.7 of each side, the true head less): it is
   * the face that is followed. With the whole box as the look to find, it was lost at once here.
   */
  @Test
  void followsTheFaceInsideAHeadBoxNotTheBackgroundAroundIt() {
    // Foliage or gravel behind a small face: a background with far more detail than the face.
    Mat background = new Mat(HEIGHT, WIDTH, CvType.CV_8UC1);
    Core.randu(background, 64, 192);
    mats.add(background);
    Rect faceInPhoto = new Rect(120, 48, 30, 34);
    Mat keyframe = frameWithFaceAt(background, faceInPhoto, 300, 150);
    FaceBox face = new FaceBox(300, 150, faceInPhoto.width, faceInPhoto.height, 0.9);
    FaceBox head = face.scaled(1.6);
    List<Mat> frames = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      frames.add(frameWithFaceAt(background, faceInPhoto, 300 - 18 * n, 150 + n));
    }

    List<FaceBox> path = new FaceFollower(WIDTH, HEIGHT, 25, 0.7).follow(keyframe, head, frames);

    assertThat(path).hasSize(6);
    for (int n = 1; n <= 6; n++) {
      assertThat(path.get(n - 1).x())
          .as("x in frame %d", n)
          .isCloseTo(head.x() - 18 * n, within(1.0));
      assertThat(path.get(n - 1).width()).isCloseTo(head.width(), within(0.01));
    }
  }

  /** A copy of {@code background} with the photo's {@code face} pasted at (x, y). */
  private Mat frameWithFaceAt(Mat background, Rect face, int x, int y) {
    Mat frame = background.clone();
    Mat source = photo.submat(face);
    Mat target = frame.submat(new Rect(x, y, face.width, face.height));
    // Smeared by its motion, as a camera's exposure smears a face moving this fast.
    Mat smeared = new Mat();
    Imgproc.blur(source, smeared, new Size(9, 1));
    smeared.copyTo(target);
    smeared.release();
    source.release();
    target.release();
    mats.add(frame);
    return frame;
  }

  @Test
  void stopsWhereTheFaceIsGone() {
    Mat keyframe = frameWithPhotoAt(100, 60);
    FaceBox face = new FaceBox(100 + 110, 60 + 40, 50, 50, 0.9);
    Mat empty = new Mat(HEIGHT, WIDTH, CvType.CV_8UC1, new Scalar(90));
    mats.add(empty);

    List<FaceBox> path =
        follower.follow(
            keyframe, face, List.of(frameWithPhotoAt(105, 60), empty, frameWithPhotoAt(110, 60)));

    assertThat(path).hasSize(1);
  }

  @Test
  void stopsWhenTheFaceIsPushedAgainstTheEdge() {
    // Sliding out to the left by 12 px a frame: followed while whole, not once the edge cuts it.
    Mat keyframe = frameWithPhotoAt(-80, 60);
    FaceBox face = new FaceBox(-80 + 110, 60 + 40, 50, 50, 0.9);
    List<Mat> frames = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      frames.add(frameWithPhotoAt(-80 - 12 * n, 60));
    }

    List<FaceBox> path = follower.follow(keyframe, face, frames);

    assertThat(path).hasSizeBetween(1, 3);
    assertThat(path.get(0).x()).isCloseTo(face.x() - 12, within(1.0));
  }
}
