package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.LabelledFaces;
import io.privacypal.worker.testing.RawFrames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FaceDetector} promises, run against each implementation: the local OpenCV
 * detector on real photos, Rekognition against its HTTP stub primed with the photo's labelled
 * faces.
 */
public abstract class FaceDetectorContract {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 426;

  /**
   * The detector under test, about to be shown an image with {@code faces} (in its pixels) of
   * {@code width}x{@code height}: a detector that cannot see (a stub) is told to answer them.
   */
  protected abstract FaceDetector detectorFor(List<FaceBox> faces, int width, int height);

  @Test
  public void findsEveryLabelledFaceOfAPhotoInItsPixels() throws Exception {
    Path photo = FacePhotos.sample(3);
    List<FaceBox> labelled = LabelledFaces.shownAt(photo, WIDTH, HEIGHT);
    FaceDetector detector = detectorFor(labelled, WIDTH, HEIGHT);

    List<FaceBox> found = detector.detect(RawFrames.i420(photo, WIDTH, HEIGHT));

    for (FaceBox face : labelled) {
      double cx = face.x() + face.width() / 2;
      double cy = face.y() + face.height() / 2;
      assertThat(found)
          .as("a box around the face at (%.0f, %.0f)", cx, cy)
          .anySatisfy(
              box -> {
                assertThat(cx).isBetween(box.x(), box.x() + box.width());
                assertThat(cy).isBetween(box.y(), box.y() + box.height());
              });
    }
    assertThat(found)
        .allSatisfy(
            box -> {
              assertThat(box.x()).isGreaterThanOrEqualTo(0);
              assertThat(box.y()).isGreaterThanOrEqualTo(0);
              assertThat(box.x() + box.width()).isLessThanOrEqualTo(WIDTH);
              assertThat(box.y() + box.height()).isLessThanOrEqualTo(HEIGHT);
            });
  }

  @Test
  public void findsNoFaceInAnEmptyImage() throws Exception {
    FaceDetector detector = detectorFor(List.of(), WIDTH, HEIGHT);

    assertThat(detector.detect(grey(WIDTH, HEIGHT))).isEmpty();
  }

  /** The job slots of a worker share one detector. */
  @Test
  public void concurrentCallsGiveTheSameFacesAsOneAtATime() throws Exception {
    Path photo = FacePhotos.sample(3);
    FaceDetector detector = detectorFor(LabelledFaces.shownAt(photo, WIDTH, HEIGHT), WIDTH, HEIGHT);
    KeyframeImage image = RawFrames.i420(photo, WIDTH, HEIGHT);
    List<FaceBox> alone = detector.detect(image);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<FaceBox>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> detector.detect(image)));
      }
      for (Future<List<FaceBox>> result : results) {
        assertThat(result.get()).containsExactlyInAnyOrderElementsOf(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A video's first keyframe is searched whole; closing the video's detector leaves the shared one
   * working.
   */
  @Test
  public void aDetectorForOneVideoFindsWhatTheDetectorFindsAndClosesOnlyItself() throws Exception {
    Path photo = FacePhotos.sample(3);
    FaceDetector detector = detectorFor(LabelledFaces.shownAt(photo, WIDTH, HEIGHT), WIDTH, HEIGHT);
    KeyframeImage image = RawFrames.i420(photo, WIDTH, HEIGHT);
    List<FaceBox> shared = detector.detect(image);

    try (FaceDetector video = detector.forVideo()) {
      assertThat(video.detect(image)).containsExactlyInAnyOrderElementsOf(shared);
    }
    assertThat(detector.detect(image)).containsExactlyInAnyOrderElementsOf(shared);
  }

  @Test
  public void saysItsNameAndHowManyCallsMayOverlap() throws Exception {
    FaceDetector detector = detectorFor(List.of(), WIDTH, HEIGHT);

    assertThat(detector.name()).matches("[a-z]+");
    assertThat(detector.maxConcurrentCalls()).isPositive();
  }

  private static KeyframeImage grey(int width, int height) {
    int size = width * height * 3 / 2;
    ByteBuffer buffer = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < size; i++) {
      buffer.put((byte) 128);
    }
    buffer.flip();
    return new KeyframeImage(width, height, buffer, 0);
  }
}
