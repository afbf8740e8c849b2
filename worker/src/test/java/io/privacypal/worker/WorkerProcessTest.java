package io.privacypal.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.worker.queue.ConsumerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerProcessTest {
  @TempDir Path root;

  @Test
  void theBuilderNamesThePartAWorkerLacks() {
    try (LocalSqs sqs = LocalSqs.start()) {
      WorkerProcess.Builder builder =
          WorkerProcess.builder(sqs.client(), sqs.queueUrl())
              .statuses(new FileJobStatusStore(root.resolve("status")))
              .processor((request, progress, cancel) -> null)
              .settings(
                  ConsumerSettings.from(
                      io.privacypal.common.config.ConfigSource.of(java.util.Map.of())));

      assertThatThrownBy(builder::build)
          .isInstanceOf(NullPointerException.class)
          .hasMessage("a worker needs a video store");
    }
  }

  @Test
  void workerProcessRunsJobsUntilClosed() throws Exception {
    Path videos = Files.createDirectories(root.resolve("videos"));
    Files.writeString(videos.resolve("clip.mp4"), "fake");
    var statuses = new FileJobStatusStore(root.resolve("status"));
    ConsumerSettings settings =
        ConsumerSettings.from(
            io.privacypal.common.config.ConfigSource.of(
                java.util.Map.of(
                    "PRIVACYPAL_POLL_WAIT_SECONDS", "1", "PRIVACYPAL_WORKER_SLOTS", "2")));
    try (LocalSqs sqs = LocalSqs.start(3, 30)) {
      WorkerProcess worker =
          WorkerProcess.builder(sqs.client(), sqs.queueUrl())
              .statuses(statuses)
              .videos(new DirectoryVideoStore(videos, root.resolve("processed")))
              .processor(
                  (request, progress, cancel) -> {
                    Files.writeString(request.output(), "done");
                    return new io.privacypal.common.job.JobStats(1, 1, 1, 1);
                  })
              .settings(settings)
              .build()
              .start();
      JobId id = JobId.of("job-wired");
      sqs.client()
          .sendMessage(
              b ->
                  b.queueUrl(sqs.queueUrl())
                      .messageBody(
                          new JobMessageCodec()
                              .encode(
                                  JobMessage.of(
                                      id, "clip.mp4", JobOptions.defaults(), Instant.now()))));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> statuses.find(id).map(JobStatus::state).orElse(null) == JobState.SUCCEEDED);
      worker.close();
      assertThat(worker.isStopped()).isTrue();
      worker.awaitStopped();
    }
  }

  @Test
  void sigtermReleasesTheRunningJobAndTheProcessExitsZero() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = root.resolve("child.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    SigtermWorkerMain.class.getName(),
                    root.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      // A child JVM starting on a loaded 2-core machine can take long; the exit below is what is
      // tested.
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("READY"));

      process.destroy(); // SIGTERM

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(log);
      assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
      JobStatus released =
          new FileJobStatusStore(root.resolve("status"))
              .find(JobId.of("job-sigterm"))
              .orElseThrow();
      assertThat(released.state()).isEqualTo(JobState.QUEUED);
      assertThat(output).contains("released to the queue");
    } finally {
      process.destroyForcibly();
    }
  }
}
