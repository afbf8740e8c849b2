package io.privacypal.worker.detect.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RekognitionSettingsTest {

  @Test
  void defaultsApplyWhenNothingIsConfigured() {
    RekognitionSettings settings = RekognitionSettings.from(ConfigSource.of(Map.of()));

    assertThat(settings).isEqualTo(new RekognitionSettings(5, 5, 90, 50, 4));
  }

  @Test
  void environmentValuesAreRead() {
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "PRIVACYPAL_REKOGNITION_TPS", "2.5",
                "PRIVACYPAL_REKOGNITION_MAX_ATTEMPTS", "3",
                "PRIVACYPAL_REKOGNITION_JPEG_QUALITY", "80",
                "PRIVACYPAL_REKOGNITION_MIN_CONFIDENCE", "90",
                "PRIVACYPAL_REKOGNITION_CONCURRENCY", "8"));

    assertThat(RekognitionSettings.from(config))
        .isEqualTo(new RekognitionSettings(2.5, 3, 80, 90, 8));
  }

  @Test
  void impossibleValuesAreRejectedWithTheSettingNamed() {
    assertThatThrownBy(() -> new RekognitionSettings(0, 5, 90, 50))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_REKOGNITION_TPS");
    assertThatThrownBy(() -> new RekognitionSettings(5, 0, 90, 50))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_REKOGNITION_MAX_ATTEMPTS");
    assertThatThrownBy(() -> new RekognitionSettings(5, 5, 101, 50))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("JPEG_QUALITY");
    assertThatThrownBy(() -> new RekognitionSettings(5, 5, 90, -1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_REKOGNITION_MIN_CONFIDENCE");
    assertThatThrownBy(
            () ->
                RekognitionSettings.from(
                    ConfigSource.of(Map.of("PRIVACYPAL_REKOGNITION_TPS", "fast"))))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void concurrencyIsWhatTheDetectorDeclaresAndMustBeAtLeastOne() {
    ConfigSource one = ConfigSource.of(Map.of("PRIVACYPAL_REKOGNITION_CONCURRENCY", "1"));
    assertThat(RekognitionSettings.from(one).concurrency()).isEqualTo(1);
    // No client is needed to ask (and none to close).
    assertThat(
            new RekognitionFaceDetector(null, new RekognitionSettings(5, 5, 90, 50, 6))
                .maxConcurrentCalls())
        .isEqualTo(6);
    for (String bad : new String[] {"0", "-2", "33"}) {
      assertThatThrownBy(
              () ->
                  RekognitionSettings.from(
                      ConfigSource.of(Map.of("PRIVACYPAL_REKOGNITION_CONCURRENCY", bad))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("PRIVACYPAL_REKOGNITION_CONCURRENCY");
    }
    assertThatThrownBy(
            () ->
                RekognitionSettings.from(
                    ConfigSource.of(Map.of("PRIVACYPAL_REKOGNITION_CONCURRENCY", "many"))))
        .isInstanceOf(ConfigException.class);
  }
}
