package io.privacypal.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.status.S3JobStatusStore;
import io.privacypal.common.testing.S3TestServer;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.common.video.S3VideoStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class StorageTest {
  @RegisterExtension static final S3MockExtension S3_SERVER = S3TestServer.extension();

  @TempDir Path dir;

  @Test
  void withoutABucketVideosAndStatusesLiveOnDisk() {
    Storage storage =
        Storage.from(ConfigSource.of(Map.of("PRIVACYPAL_VIDEO_DIRECTORY", dir.toString())));

    assertThat(storage.videos()).isInstanceOf(DirectoryVideoStore.class);
    assertThat(storage.statuses()).isInstanceOf(FileJobStatusStore.class);
  }

  @Test
  void aBucketPutsVideosAndStatusesInS3SharedByEveryProcess() {
    S3Client s3 = S3TestServer.client(S3_SERVER);
    String bucket = S3TestServer.newBucket(s3, "storage");
    s3.putObject(b -> b.bucket(bucket).key("in/clip.mp4"), RequestBody.fromString("x"));
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "PRIVACYPAL_S3_BUCKET",
                bucket,
                "PRIVACYPAL_S3_INPUT_PREFIX",
                "in/",
                "PRIVACYPAL_S3_TEMP_DIRECTORY",
                dir.toString(),
                "AWS_ENDPOINT_URL_S3",
                "http://127.0.0.1:" + S3_SERVER.getHttpPort()));

    Storage gateway = Storage.from(config);
    Storage worker = Storage.from(config);

    assertThat(gateway.videos()).isInstanceOf(S3VideoStore.class);
    assertThat(gateway.statuses()).isInstanceOf(S3JobStatusStore.class);
    assertThat(gateway.videos().exists("clip.mp4")).isTrue();
    gateway
        .statuses()
        .createIfAbsent(
            JobStatus.queued(JobId.of("shared"), "clip.mp4", JobOptions.defaults(), Instant.now()));
    assertThat(worker.statuses().find(JobId.of("shared"))).isPresent();
  }
}
