package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.detect.Detectors;

/** Builds a worker's parts from its settings. */
final class WorkerWiring {

  Detectors detectors(ConfigSource config) {
    return Detectors.start(config);
  }
}
