package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.DetectorKind;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.detect.rekognition.RekognitionFaceDetector;

/** Builds the face detectors a worker may choose from (local, Rekognition) from its settings. */
final class DetectorFactory {

  Detectors detectors(ConfigSource config) {
    return new Detectors(Detectors.defaultKind(config), kind -> create(kind, config));
  }

  private static FaceDetector create(DetectorKind kind, ConfigSource config) {
    return switch (kind) {
      case LOCAL -> new OpenCvFaceDetector();
      case REKOGNITION -> RekognitionFaceDetector.create(config);
    };
  }
}
