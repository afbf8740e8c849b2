package io.privacypal.common.storage;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.config.DirectoryStorageSettings;
import io.privacypal.common.config.S3StorageSettings;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.status.S3JobStatusStore;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.common.video.S3VideoStore;
import io.privacypal.common.video.VideoStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The two stores a process uses, chosen once from its settings: an S3 bucket when
 * PRIVACYPAL_S3_BUCKET is set (videos, outputs and job statuses, so gateways and workers on
 * different machines share them), otherwise the video directory on disk.
 */
public record Storage(VideoStore videos, JobStatusStore statuses) {

  public static Storage from(ConfigSource config) {
    if (config.get("PRIVACYPAL_S3_BUCKET").isPresent()) {
      S3StorageSettings settings = S3StorageSettings.from(config);
      AwsClientFactory aws = new AwsClientFactory(config);
      S3Client s3 = aws.s3(); // one per process, lives as long as it
      return new Storage(
          new S3VideoStore(s3, settings, aws.s3Presigner()),
          new S3JobStatusStore(s3, settings.bucket(), settings.statusPrefix()));
    }
    DirectoryStorageSettings settings = DirectoryStorageSettings.from(config);
    return new Storage(
        new DirectoryVideoStore(settings.videoDirectory(), settings.outputDirectory()),
        new FileJobStatusStore(settings.statusDirectory()));
  }
}
