package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker whose detector cannot load refuses to start, and says how to fix it; no fallback. */
class DetectorStartTest {
  @TempDir Path dir;

  @Test
  void aMissingModelFileStopsTheStartWithHowToFixIt() {
    Path missing = dir.resolve("nowhere/face_detection_full_range.tflite");
    ConfigSource config = ConfigSource.of(Map.of("PRIVACYPAL_FACE_MODEL", missing.toString()));

    assertThatThrownBy(() -> Detectors.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("local face detector cannot start")
        .hasMessageContaining("PRIVACYPAL_FACE_MODEL")
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("@mediapipe/face_detection");
  }

  @Test
  void aModelFileOpenCvCannotReadStopsTheStart() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.tflite"), "not a model");
    ConfigSource config = ConfigSource.of(Map.of("PRIVACYPAL_FACE_MODEL", broken.toString()));

    assertThatThrownBy(() -> Detectors.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("local face detector cannot start");
  }

  @Test
  void theCascadesRunOnlyWhenChosenByNameAndSaySo() {
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "PRIVACYPAL_DETECTOR",
                "cascades",
                "PRIVACYPAL_FACE_MODEL",
                dir.resolve("none").toString()));

    try (Detectors detectors = Detectors.start(config)) {
      FaceDetector chosen = detectors.forJob(null);
      assertThat(chosen.name()).isEqualTo("cascades");
      assertThat(chosen.model()).contains("haarcascade_frontalface_alt2.xml");
    }
  }

  @Test
  void theLocalDetectorNamesItsModel() {
    try (Detectors detectors = Detectors.start(ConfigSource.of(Map.of()))) {
      FaceDetector local = detectors.forJob(null);
      assertThat(local.name()).isEqualTo("local");
      assertThat(local.model()).contains("face_detection_full_range.tflite");
    }
  }
}
