package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.RawFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall of the local detector on hand-labelled photos: a missed face is a privacy leak, an extra
 * box only blurs too much. Prints a table (see the surefire report) with the time per detection.
 */
class FaceRecallTest {
  /** A keyframe of a 1280x720 video laid out as TestVideos does at 640x360, twice as large. */
  private static final int FRAME_WIDTH = 1280;
  private static final int FRAME_HEIGHT = 720;
  private static final int PHOTO_X = 240;
  private static final int PHOTO_Y = 96;
  private static final int PHOTO_WIDTH = 800;
  private static final int PHOTO_HEIGHT = 528;
  private static final int TIMED_RUNS = 3;

  private static OpenCvFaceDetector detector;

  @BeforeAll
  static void createDetector() {
    detector = new OpenCvFaceDetector();
  }

  @AfterAll
  static void closeDetector() {
    detector.close();
  }

  @Test
  void findsNearlyEveryFaceInThePhotosAsTheyAre() throws IOException {
    List<RecallScore> scores = new ArrayList<>();
    for (LabelledFaces.Photo photo : LabelledFaces.PHOTOS) {
      // I420 needs even sizes: one row less is the same photo for a detector.
      KeyframeImage image =
          RawFrames.i420(FacePhotos.sample(photo.number()), photo.width(), photo.height() & ~1);
      scores.add(score("sample" + photo.number(), image, photo.faces()));
    }
    System.out.println("photos as they are:\n" + RecallScore.table(scores));
    assertThat(RecallScore.recall(scores)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void findsNearlyEveryFaceInFramesOfAWideVideo() throws IOException {
    List<RecallScore> scores = new ArrayList<>();
    for (LabelledFaces.Photo photo : LabelledFaces.PHOTOS) {
      KeyframeImage frame = videoFrame(photo);
      scores.add(score("sample" + photo.number() + " @1280x720", frame, inFrame(photo)));
    }
    System.out.println("frames of a 1280x720 video:\n" + RecallScore.table(scores));
    assertThat(RecallScore.recall(scores)).isGreaterThanOrEqualTo(0.9);
  }

  private static RecallScore score(String name, KeyframeImage image, List<LabelledFaces.Face> faces) {
    List<FaceBox> boxes = detector.detect(image); // the first call warms up the caches
    long start = System.nanoTime();
    for (int i = 0; i < TIMED_RUNS; i++) {
      detector.detect(image);
    }
    double ms = (System.nanoTime() - start) / 1e6 / TIMED_RUNS;
    return RecallScore.of(name, faces, boxes, ms);
  }

  private static List<LabelledFaces.Face> inFrame(LabelledFaces.Photo photo) {
    double sx = (double) PHOTO_WIDTH / photo.width();
    double sy = (double) PHOTO_HEIGHT / photo.height();
    return photo.faces().stream()
        .map(f -> new LabelledFaces.Face(
            PHOTO_X + f.cx() * sx, PHOTO_Y + f.cy() * sy, f.size() * Math.sqrt(sx * sy)))
        .toList();
  }

  private static KeyframeImage videoFrame(LabelledFaces.Photo photo) throws IOException {
    byte[] bytes =
        RawFrames.run(
            "ffmpeg", "-nostdin", "-v", "error", "-i", FacePhotos.sample(photo.number()).toString(),
            "-frames:v", "1",
            "-vf", "scale=" + PHOTO_WIDTH + ":" + PHOTO_HEIGHT + ",setsar=1,pad=" + FRAME_WIDTH + ":"
                + FRAME_HEIGHT + ":" + PHOTO_X + ":" + PHOTO_Y + ":color=0x305070",
            "-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1");
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(bytes).flip();
    return new KeyframeImage(FRAME_WIDTH, FRAME_HEIGHT, buffer, 0);
  }
}
