package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** Executables elsewhere than on the PATH, so the lookup cannot find them by itself. */
  @Test
  void configuredPathWins(@TempDir Path dir) throws IOException {
    Path ffmpeg = executable(dir.resolve("my-ffmpeg"));
    Path ffprobe = executable(dir.resolve("my-ffprobe"));

    FfmpegTools tools =
        FfmpegTools.locate(Optional.of(ffmpeg.toString()), Optional.of(ffprobe.toString()));

    assertThat(tools.ffmpeg()).isEqualTo(ffmpeg);
    assertThat(tools.ffprobe()).isEqualTo(ffprobe);
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
