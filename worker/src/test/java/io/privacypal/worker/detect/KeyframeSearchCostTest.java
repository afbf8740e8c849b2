package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.RawFrames;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A camera panning over a photo of people, keyframe by keyframe at 1280x720: one video's detector
 * on its schedule (in full only every few keyframes, see {@link SearchSchedule}) finds every head
 * that one searching every keyframe in full finds, and prints the process CPU per keyframe of both
 * (see the surefire report).
 */
class KeyframeSearchCostTest {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 720;
  private static final int KEYFRAMES = 8;

  @Test
  void findsTheHeadsAFullSearchFindsWhileSearchingLess() throws Exception {
    KeyframeImage picture = RawFrames.i420(FacePhotos.sample(3), 1600, 1000);
    List<KeyframeImage> keyframes = new ArrayList<>();
    for (int k = 0; k < KEYFRAMES; k++) {
      keyframes.add(window(picture, 100 + 16 * k, 60 + 6 * k));
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (OpenCvFaceDetector detector = new OpenCvFaceDetector(FaceModelFiles.blazeFace())) {
      detector.detect(keyframes.get(0));
      List<List<FaceBox>> full = new ArrayList<>();
      long start = os.getProcessCpuTime();
      try (FaceDetector video = detector.forVideo(1)) {
        for (KeyframeImage keyframe : keyframes) {
          full.add(video.detect(keyframe));
        }
      }
      long fullNanos = os.getProcessCpuTime() - start;
      List<List<FaceBox>> scheduled = new ArrayList<>();
      try (FaceDetector video = detector.forVideo()) {
        start = os.getProcessCpuTime();
        for (KeyframeImage keyframe : keyframes) {
          scheduled.add(video.detect(keyframe));
        }
      }
      long scheduledNanos = os.getProcessCpuTime() - start;
      System.out.printf(
          "1280x720 pan: %.0f ms of process CPU per keyframe searched in full, %.0f ms on the"
              + " schedule%n",
          fullNanos / 1e6 / KEYFRAMES, scheduledNanos / 1e6 / KEYFRAMES);
      for (int k = 0; k < KEYFRAMES; k++) {
        assertThat(full.get(k)).as("keyframe %d", k).hasSizeGreaterThanOrEqualTo(3);
        for (FaceBox head : full.get(k)) {
          assertThat(scheduled.get(k))
              .as("keyframe %d: the head at %s", k, head)
              .anyMatch(box -> covers(box, head.centerX(), head.centerY()));
        }
      }
    }
  }

  /** The camera's 1280x720 view of an I420 picture at (x, y), both even. */
  private static KeyframeImage window(KeyframeImage picture, int x, int y) {
    int pw = picture.width();
    int ph = picture.height();
    byte[] all = new byte[pw * ph * 3 / 2];
    picture.i420().duplicate().get(all);
    ByteBuffer out = ByteBuffer.allocateDirect(WIDTH * HEIGHT * 3 / 2);
    for (int row = 0; row < HEIGHT; row++) {
      out.put(all, (y + row) * pw + x, WIDTH);
    }
    for (int plane = 0; plane < 2; plane++) {
      int from = pw * ph + plane * (pw / 2) * (ph / 2);
      for (int row = 0; row < HEIGHT / 2; row++) {
        out.put(all, from + (y / 2 + row) * (pw / 2) + x / 2, WIDTH / 2);
      }
    }
    out.flip();
    return new KeyframeImage(WIDTH, HEIGHT, out, 0);
  }

  private static boolean covers(FaceBox box, double x, double y) {
    return x >= box.x()
        && x <= box.x() + box.width()
        && y >= box.y()
        && y <= box.y() + box.height();
  }
}
