package io.privacypal.worker.testing;

import io.privacypal.worker.video.FfmpegTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An ffprobe that starts its answer and then hangs, as one stuck on a slow or hostile input would;
 * its {@code sleep} is the process to look for.
 */
public final class HangingFfprobe {
  private HangingFfprobe() {}

  /** Tools whose ffprobe hangs for a minute; ffmpeg is {@code /bin/false}. */
  public static FfmpegTools in(Path dir) throws IOException {
    Path script = dir.resolve("ffprobe");
    Files.writeString(script, "#!/bin/sh\necho '{\"streams\": ['\nexec sleep 60\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new FfmpegTools(Path.of("/bin/false"), script);
  }

  /** Whether a hanging ffprobe started by this JVM still runs. */
  public static boolean running() {
    return ProcessHandle.current()
        .descendants()
        .anyMatch(p -> p.isAlive() && p.info().command().orElse("").endsWith("sleep"));
  }
}
