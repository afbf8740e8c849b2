package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.video.InputLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
  @Test
  void defaultsAreVeryfastCrf20AndUpTo4k() {
    PipelineSettings settings = PipelineSettings.from(ConfigSource.of(Map.of()));

    assertThat(settings.x264Preset()).isEqualTo("veryfast");
    assertThat(settings.x264Crf()).isEqualTo(20);
    assertThat(settings.maxWidth()).isEqualTo(3840);
    assertThat(settings.maxHeight()).isEqualTo(2160);
    assertThat(settings.ffmpeg().getFileName()).hasToString("ffmpeg");
  }

  @Test
  void valuesComeFromTheConfiguration() {
    PipelineSettings settings =
        PipelineSettings.from(
            ConfigSource.of(
                Map.of(
                    "PRIVACYPAL_X264_PRESET",
                    "fast",
                    "PRIVACYPAL_X264_CRF",
                    "23",
                    "PRIVACYPAL_MAX_WIDTH",
                    "1920",
                    "PRIVACYPAL_MAX_HEIGHT",
                    "1080")));

    assertThat(settings.x264Preset()).isEqualTo("fast");
    assertThat(settings.x264Crf()).isEqualTo(23);
    assertThat(settings.maxWidth()).isEqualTo(1920);
    assertThat(settings.maxHeight()).isEqualTo(1080);
  }

  @Test
  void inputLimitsAndFrameMemoryComeFromTheConfiguration() {
    PipelineSettings defaults = PipelineSettings.from(ConfigSource.of(Map.of()));
    PipelineSettings settings =
        PipelineSettings.from(
            ConfigSource.of(
                Map.of(
                    "PRIVACYPAL_MAX_DURATION_SECONDS",
                    "600",
                    "PRIVACYPAL_MAX_FRAMES",
                    "20000",
                    "PRIVACYPAL_MAX_FRAME_RATE",
                    "60",
                    "PRIVACYPAL_FRAME_MEMORY_MB",
                    "256")));

    assertThat(defaults.limits()).isEqualTo(InputLimits.DEFAULTS);
    assertThat(defaults.frameMemoryBytes()).isEqualTo(1024L << 20);
    assertThat(settings.limits().maxDurationSeconds()).isEqualTo(600);
    assertThat(settings.limits().maxFrames()).isEqualTo(20000);
    assertThat(settings.limits().maxFrameRate()).isEqualTo(60);
    assertThat(settings.frameMemoryBytes()).isEqualTo(256L << 20);
  }

  @Test
  void frameMemoryTooSmallForAnyVideoIsRefusedAtStartUp() {
    assertThatThrownBy(
            () -> PipelineSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_FRAME_MEMORY_MB", "4"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 16 MB");
  }

  @Test
  void unknownPresetIsRefusedAtStartUp() {
    assertThatThrownBy(
            () -> PipelineSettings.from(ConfigSource.of(Map.of("PRIVACYPAL_X264_PRESET", "quick"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("quick");
  }

  @Test
  void keyframeIntervalIsAtLeastOneFrame() {
    assertThat(AnonymizeRun.keyframeInterval(0.3, 25)).isEqualTo(8);
    assertThat(AnonymizeRun.keyframeInterval(0.04, 10)).isEqualTo(1);
    assertThat(AnonymizeRun.keyframeInterval(5, 60)).isEqualTo(300);
  }
}
