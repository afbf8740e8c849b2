package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FfmpegToolsTest {
  @Test
  void installedToolsAreFoundOnThePath() {
    FfmpegTools tools = FfmpegTools.locate(Optional.empty(), Optional.empty());

    assertThat(tools.ffmpeg().getFileName()).hasToString("ffmpeg");
    assertThat(tools.ffprobe().getFileName()).hasToString("ffprobe");
  }

  @Test
  void missingConfiguredFfmpegSaysHowToInstallIt() {
    assertThatThrownBy(() -> FfmpegTools.locate(Optional.of("/nowhere/ffmpeg"), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PRIVACYPAL_FFMPEG")
        .hasMessageContaining("apt-get install -y ffmpeg");
  }

  @Test
  void configuredPathWins(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path ffprobe = FfmpegTools.locate(Optional.empty(), Optional.empty()).ffprobe();

    assertThat(FfmpegTools.locate(Optional.empty(), Optional.of(ffprobe.toString())).ffprobe()).isEqualTo(ffprobe);
  }
}
