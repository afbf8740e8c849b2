package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

  /** The encoder yields the CPU to the detector: the ffmpeg it starts runs at that niceness. */
  @Test
  void nicedFfmpegRunsAtTheLowerPriority() throws Exception {
    FfmpegTools tools = FfmpegTools.locate(Optional.empty(), Optional.empty());
    List<String> command = new ArrayList<>(tools.quietFfmpegNiced(15));
    assertThat(Path.of(command.get(0)).getFileName()).hasToString("nice");
    command.addAll(List.of("-re", "-f", "lavfi", "-i", "nullsrc=s=64x64:d=30", "-f", "null", "-"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!Files.readString(proc.resolve("comm")).strip().equals("ffmpeg")
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(Files.readString(proc.resolve("comm")).strip()).isEqualTo("ffmpeg");
      int ours = niceness(Path.of("/proc/self"));
      assertThat(niceness(proc)).isEqualTo(Math.min(19, ours + 15));
    } finally {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Field 19 of /proc/PID/stat, counted after the command name (which may hold spaces). */
  private static int niceness(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[19 - 3]);
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
