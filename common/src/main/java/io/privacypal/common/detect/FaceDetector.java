package io.privacypal.common.detect;

import java.util.List;

/**
 * Finds faces in a keyframe. Implementations: a local OpenCV detector (the offline default) and AWS
 * Rekognition DetectFaces. Thread-safe: the job slots of a worker process share one instance.
 */
public interface FaceDetector extends AutoCloseable {

  /**
   * @return every face found, in pixels of the image
   * @throws DetectionException when detection failed; {@link DetectionException#retryable()} says
   *     whether the job should be retried
   */
  List<FaceBox> detect(KeyframeImage image) throws DetectionException;

  /**
   * A detector for the keyframes of one video, in order, which may remember earlier keyframes of it
   * to save work; a view of this one when there is nothing to remember. Closing it closes only what
   * it remembers, never a shared detector.
   */
  default FaceDetector forVideo() {
    FaceDetector shared = this;
    // Remembers nothing, so closing it closes nothing.
    return new FaceDetector() {
      @Override
      public List<FaceBox> detect(KeyframeImage image) throws DetectionException {
        return shared.detect(image);
      }

      @Override
      public String name() {
        return shared.name();
      }

      @Override
      public int maxConcurrentCalls() {
        return shared.maxConcurrentCalls();
      }

      @Override
      public double faceShare() {
        return shared.faceShare();
      }
    };
  }

  /** A short name for logs and job statistics, e.g. {@code local} or {@code rekognition}. */
  String name();

  /** The model that runs, for job statistics: a file, a package, a service's operation. */
  default String model() {
    return name();
  }

  /**
   * Calls of one job that may usefully overlap: above 1 only where a call mostly waits (remote).
   */
  default int maxConcurrentCalls() {
    return 1;
  }

  /**
   * How much of each side of an answered box the face itself takes, in (0, 1]: below 1 for a
   * detector that answers whole heads, so that tracking can tell neighbouring heads apart by their
   * faces (their head boxes overlap, their faces do not).
   */
  default double faceShare() {
    return 1;
  }

  @Override
  default void close() {}
}
