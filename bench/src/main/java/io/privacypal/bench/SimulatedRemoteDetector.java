package io.privacypal.bench;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import java.util.List;

/**
 * Stands in for a remote detector (Rekognition): each call only waits a fixed latency and finds no
 * faces, so the pipeline's speed shows what overlapping {@code maxConcurrentCalls} calls buys.
 */
final class SimulatedRemoteDetector implements FaceDetector {
  private final long latencyMillis;
  private final int maxConcurrentCalls;

  SimulatedRemoteDetector(long latencyMillis, int maxConcurrentCalls) {
    this.latencyMillis = latencyMillis;
    this.maxConcurrentCalls = maxConcurrentCalls;
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) throws DetectionException {
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DetectionException("interrupted", true, e);
    }
    return List.of();
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
