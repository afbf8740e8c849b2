package io.privacypal.bench;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import java.util.List;

/**
 * Stands in for a remote detector (Rekognition): each call waits a fixed latency, using no CPU, and
 * answers what {@code answers} finds (on clips with faces, their true boxes, as a perfect remote
 * service would) or no faces; so the pipeline's speed shows what overlapping {@code
 * maxConcurrentCalls} calls buys, with the tracking and blurring of the faces it answers.
 */
final class SimulatedRemoteDetector implements FaceDetector {
  private final long latencyMillis;
  private final int maxConcurrentCalls;
  private final FaceDetector answers;

  /**
   * @param answers what each call answers; null for no faces
   */
  SimulatedRemoteDetector(long latencyMillis, int maxConcurrentCalls, FaceDetector answers) {
    this.latencyMillis = latencyMillis;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.answers = answers;
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) throws DetectionException {
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DetectionException("interrupted", true, e);
    }
    return answers == null ? List.of() : answers.detect(image);
  }

  @Override
  public String name() {
    return "simulated-remote";
  }

  @Override
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }
}
