package io.privacypal.common.config;

import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.common.video.VideoStore;

/** The two stores a process uses, chosen once from its settings. */
public record Storage(VideoStore videos, JobStatusStore statuses) {

  public static Storage from(ConfigSource config) {
    StorageSettings settings = StorageSettings.from(config);
    return new Storage(
        new DirectoryVideoStore(settings.videoDirectory(), settings.outputDirectory()),
        new FileJobStatusStore(settings.statusDirectory()));
  }
}
