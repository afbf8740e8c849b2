package io.privacypal.worker.queue.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.queue.FakeProcessors;
import io.privacypal.worker.queue.WorkerTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on one video name through the embedded queue: each keeps its own output, PrivacyPal's name
 * holds the newest submission's, and a message cannot re-point a stored job.
 */
class JobOutputOwnershipTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final JobOptions GAUSSIAN =
      new JobOptions(true, null, BlurMode.GAUSSIAN, null, 0.3, 1.3, null);

  @TempDir Path root;
  private WorkerTestBed bed;
  private final List<PipelineRequest> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    bed = new WorkerTestBed(root);
  }

  @AfterEach
  void stop() throws Exception {
    bed.close();
  }

  /**
   * Writes what it ran on; the job named {@code olderJob} waits until {@code newerJob} succeeded.
   */
  private void startWorkerFinishingOlderLast(JobId olderJob, JobId newerJob) {
    bed.startConsumer(
        (request, progress, cancel) -> {
          requests.add(request);
          if (request.output().getFileName().toString().contains(olderJob.value())) {
            await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> bed.status(newerJob).state() == JobState.SUCCEEDED);
          }
          Files.writeString(
              request.output(), request.input().getFileName() + " " + request.options().blurMode());
          return FakeProcessors.STATS;
        });
  }

  private String output(JobId job) throws IOException {
    return Files.readString(Path.of(bed.status(job).output()));
  }

  @Test
  void twoExtensionsOfOneNameKeepTheirOwnOutputsAndTheAliasIsTheNewerSubmissions()
      throws IOException {
    bed.video("a.mp4");
    bed.video("a.mov");
    JobId older = JobId.of("job-a-mp4");
    JobId newer = JobId.of("job-a-mov");
    startWorkerFinishingOlderLast(older, newer);

    bed.submit(older.value(), "a.mp4", JobOptions.defaults(), T0);
    bed.submit(newer.value(), "a.mov", GAUSSIAN, T0.plusSeconds(1));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> bed.status(older).state() == JobState.SUCCEEDED);
    assertThat(output(older)).isEqualTo("a.mp4 MOSAIC");
    assertThat(output(newer)).isEqualTo("a.mov GAUSSIAN");
    assertThat(bed.status(older).output()).isNotEqualTo(bed.status(newer).output());
    assertThat(bed.outputDir.resolve("a-processed.mp4")).hasContent("a.mov GAUSSIAN");
  }

  @Test
  void theSameVideoTwiceWithDifferentOptionsAndTheOlderFinishingLastKeepsTheNewerInTheAlias()
      throws IOException {
    JobId older = JobId.of("job-older");
    JobId newer = JobId.of("job-newer");
    startWorkerFinishingOlderLast(older, newer);

    bed.submit(older.value(), "clip.mp4", GAUSSIAN, T0);
    bed.submit(newer.value(), "clip.mp4", JobOptions.defaults(), T0.plusSeconds(1));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> bed.status(older).state() == JobState.SUCCEEDED);
    assertThat(output(older)).isEqualTo("clip.mp4 GAUSSIAN");
    assertThat(output(newer)).isEqualTo("clip.mp4 MOSAIC");
    assertThat(bed.outputDir.resolve("clip-processed.mp4")).hasContent("clip.mp4 MOSAIC");
  }

  @Test
  void aMessageReusingAStoredJobsIdRunsTheStoredVideoAndOptions() throws IOException {
    bed.video("other.mp4");
    bed.startConsumer(
        (request, progress, cancel) -> {
          requests.add(request);
          return FakeProcessors.writeOutput(request);
        });
    JobId id = JobId.of("job-stored");
    bed.statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), T0));

    // A forged message: the stored job's id, another video, other options.
    bed.sendRaw(new JobMessageCodec().encode(JobMessage.of(id, "other.mp4", GAUSSIAN, T0)));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).input().getFileName()).hasToString("clip.mp4");
    assertThat(requests.get(0).options()).isEqualTo(JobOptions.defaults());
    assertThat(bed.status(id).video()).isEqualTo("clip.mp4");
  }
}
