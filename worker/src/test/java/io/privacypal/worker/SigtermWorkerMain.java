package io.privacypal.worker;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.worker.pipeline.JobCancelledException;
import io.privacypal.worker.queue.ConsumerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for {@link WorkerProcessTest}: runs one job that holds until cancelled, prints
 * READY, and waits for SIGTERM. Argument: a directory for videos and statuses.
 */
public final class SigtermWorkerMain {
  private SigtermWorkerMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path videos = Files.createDirectories(root.resolve("videos"));
    Files.writeString(videos.resolve("clip.mp4"), "fake");
    LocalSqs sqs = LocalSqs.start(3, 30);
    var statuses = new FileJobStatusStore(root.resolve("status"));
    CountDownLatch running = new CountDownLatch(1);
    ConsumerSettings settings =
        ConsumerSettings.builder()
            .slots(1)
            .pollWait(Duration.ofSeconds(1))
            .visibilityTimeout(Duration.ofSeconds(30))
            .maxReceiveCount(3)
            .baseRetryDelay(Duration.ofSeconds(1))
            .maxRetryDelay(Duration.ofSeconds(2))
            .shutdownGrace(Duration.ofMillis(300))
            .workerId("sigterm-worker")
            .strandedSweepInterval(Duration.ZERO)
            .build();
    WorkerProcess worker =
        WorkerProcess.builder(sqs.client(), sqs.queueUrl())
            .statuses(statuses)
            .videos(new DirectoryVideoStore(videos, root.resolve("processed")))
            .processor(
                (request, progress, cancel) -> {
                  CountDownLatch stop = new CountDownLatch(1);
                  cancel.onCancel(stop::countDown);
                  running.countDown();
                  stop.await();
                  throw new JobCancelledException(cancel.reason());
                })
            .settings(settings)
            .build()
            .start();
    WorkerProcessShutdownHook.install(worker);
    sqs.client()
        .sendMessage(
            b ->
                b.queueUrl(sqs.queueUrl())
                    .messageBody(
                        new JobMessageCodec()
                            .encode(
                                JobMessage.of(
                                    JobId.of("job-sigterm"),
                                    "clip.mp4",
                                    JobOptions.defaults(),
                                    Instant.now()))));
    running.await();
    System.out.println("READY");
    System.out.flush();
    worker.awaitStopped();
  }
}
