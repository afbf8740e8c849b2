package io.privacypal.common.config;

import java.nio.file.Path;

/**
 * Where videos, outputs and job statuses live when they are kept on disk (no S3 bucket set), shared
 * by the gateway and the workers.
 *
 * @param videoDirectory PRIVACYPAL_VIDEO_DIRECTORY, default {@code ./videos}
 * @param outputDirectory PRIVACYPAL_OUTPUT_DIRECTORY, default {@code <videos>/processed}
 * @param statusDirectory PRIVACYPAL_STATUS_DIRECTORY, default {@code <videos>/.privacypal}
 */
public record DirectoryStorageSettings(
    Path videoDirectory, Path outputDirectory, Path statusDirectory) {
  public DirectoryStorageSettings {
    videoDirectory = videoDirectory.toAbsolutePath().normalize();
    outputDirectory = outputDirectory.toAbsolutePath().normalize();
    statusDirectory = statusDirectory.toAbsolutePath().normalize();
  }

  public static DirectoryStorageSettings from(ConfigSource config) {
    Path videos = config.getPath("PRIVACYPAL_VIDEO_DIRECTORY", Path.of("videos"));
    return new DirectoryStorageSettings(
        videos,
        config.getPath("PRIVACYPAL_OUTPUT_DIRECTORY", videos.resolve("processed")),
        config.getPath("PRIVACYPAL_STATUS_DIRECTORY", videos.resolve(".privacypal")));
  }
}
