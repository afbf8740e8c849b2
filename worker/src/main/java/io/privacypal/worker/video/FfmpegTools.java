package io.privacypal.worker.video;

import io.privacypal.common.config.ConfigException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the ffmpeg and ffprobe executables are: an explicit setting first, then the PATH. */
public record FfmpegTools(Path ffmpeg, Path ffprobe) {
  public static final String FFMPEG_ENV = "PRIVACYPAL_FFMPEG";
  public static final String FFPROBE_ENV = "PRIVACYPAL_FFPROBE";

  private static final Optional<Path> NICE = onPath("nice");

  /** ffmpeg without a terminal, a banner or anything but errors on stderr: how we always run it. */
  public List<String> quietFfmpeg() {
    return List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-v", "error");
  }

  /**
   * {@link #quietFfmpeg()} at a lower CPU priority, {@code nice -n niceness}, where the system has
   * {@code nice} (coreutils; it runs ffmpeg in its own place, the same process); at the normal
   * priority where it has not.
   */
  public List<String> quietFfmpegNiced(int niceness) {
    List<String> command = new ArrayList<>();
    NICE.ifPresent(
        nice -> command.addAll(List.of(nice.toString(), "-n", Integer.toString(niceness))));
    command.addAll(quietFfmpeg());
    return command;
  }

  /**
   * @param ffmpegSetting the configured ffmpeg path, or empty to search the PATH
   * @param ffprobeSetting the configured ffprobe path, or empty to search the PATH
   * @throws ConfigException when an executable is missing, saying how to install it
   */
  public static FfmpegTools locate(
      Optional<String> ffmpegSetting, Optional<String> ffprobeSetting) {
    return new FfmpegTools(
        find("ffmpeg", FFMPEG_ENV, ffmpegSetting), find("ffprobe", FFPROBE_ENV, ffprobeSetting));
  }

  private static Path find(String name, String setting, Optional<String> configured) {
    if (configured.isPresent()) {
      Path path = Path.of(configured.get());
      if (Files.isExecutable(path)) {
        return path;
      }
      throw new ConfigException(
          setting + " points at " + path + ", which is not an executable file. " + installHint());
    }
    return onPath(name)
        .orElseThrow(
            () ->
                new ConfigException(
                    name
                        + " was not found on the PATH and "
                        + setting
                        + " is not set. "
                        + installHint()));
  }

  private static Optional<Path> onPath(String name) {
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (dir.isBlank()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static String installHint() {
    return "Install ffmpeg (Debian/Ubuntu: apt-get install -y ffmpeg; macOS: brew install ffmpeg)"
        + " or set "
        + FFMPEG_ENV
        + " and "
        + FFPROBE_ENV
        + " to the executables.";
  }
}
