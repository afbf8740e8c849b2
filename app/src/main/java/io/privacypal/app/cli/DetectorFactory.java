package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.detect.Detectors;

/** Builds the face detectors a worker may choose from (local, Rekognition) from its settings. */
final class DetectorFactory {

  Detectors detectors(ConfigSource config) {
    return Detectors.start(config);
  }
}
