package io.privacypal.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.app.templates.RepositoryFiles;
import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.queue.QueueProvisioner;
import io.privacypal.common.storage.Storage;
import io.privacypal.worker.WorkerProcess;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.TestVideos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS path end to end against LocalStack (SQS and S3): queue and DLQ provisioned, the video in
 * the bucket, a worker with S3 storage, the output and the status back in the bucket. Runs where a
 * Docker engine exists; skipped (not failed) elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackAwsPathTest {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse(composeLocalStackImage()))
          .withServices(LocalStackContainer.Service.SQS, LocalStackContainer.Service.S3);

  @TempDir Path work;

  /** The image docker-compose.yml runs, so the version is named in one place. */
  static String composeLocalStackImage() {
    try {
      return RepositoryFiles.yaml("docker-compose.yml")
          .path("services")
          .path("localstack")
          .path("image")
          .asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aJobTravelsThroughSqsAndS3AndItsOutputLandsInTheBucket() throws Exception {
    String endpoint = LOCALSTACK.getEndpoint().toString();
    ConfigSource config =
        ConfigSource.of(
            Map.of(
                "AWS_ENDPOINT_URL",
                endpoint,
                "AWS_REGION",
                LOCALSTACK.getRegion(),
                "PRIVACYPAL_S3_BUCKET",
                "privacypal-videos",
                "PRIVACYPAL_S3_TEMP_DIRECTORY",
                work.resolve("tmp").toString(),
                "PRIVACYPAL_POLL_WAIT_SECONDS",
                "1",
                "PRIVACYPAL_WORKER_SLOTS",
                "1"));
    AwsClientFactory aws = new AwsClientFactory(config);
    try (SqsClient sqs = aws.sqs();
        S3Client s3 = aws.s3();
        OpenCvFaceDetector detector = new OpenCvFaceDetector()) {
      s3.createBucket(b -> b.bucket("privacypal-videos"));
      QueueProvisioner.Queues queues =
          new QueueProvisioner(sqs).create("privacypal-jobs", "privacypal-jobs-dlq", 3, 30);
      Path clip = TestVideos.still(work, FacePhotos.sample(3), true).file();
      s3.putObject(b -> b.bucket("privacypal-videos").key("clip.mp4"), clip);

      Storage storage = Storage.from(config);
      JobId id = JobId.random();
      storage
          .statuses()
          .createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), Instant.now()));
      new JobQueue(sqs, queues.queueUrl()).send(JobMessage.of(id, "clip.mp4", null, Instant.now()));

      try (WorkerProcess worker =
          WorkerProcess.builder(sqs, queues.queueUrl())
              .statuses(storage.statuses())
              .videos(storage.videos())
              .processor(new AnonymizePipeline(detector, PipelineSettings.from(config)))
              .settings(ConsumerSettings.from(config))
              .build()
              .start()) {
        await()
            .atMost(Duration.ofMinutes(3))
            .until(() -> storage.statuses().find(id).map(JobStatus::isTerminal).orElse(false));
      }

      JobStatus done = storage.statuses().find(id).orElseThrow();
      assertThat(done.state()).as(String.valueOf(done.failure())).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.output())
          .isEqualTo("s3://privacypal-videos/processed/jobs/" + id + ".output.mp4");
      assertThat(
              s3.headObject(b -> b.bucket("privacypal-videos").key("processed/clip-processed.mp4"))
                  .contentLength())
          .isGreaterThan(1000);
    }
  }
}
