package io.privacypal.worker.queue.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.video.PendingFile;
import io.privacypal.worker.queue.WorkerTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's periodic sweep, run by hand: no test waits for its timer. */
class StrandedSweepTest {
  @TempDir Path root;
  private WorkerTestBed bed;

  @BeforeEach
  void start() throws IOException {
    bed = new WorkerTestBed(root);
  }

  @AfterEach
  void stop() throws Exception {
    bed.close();
  }

  /** A clock an hour ahead, so statuses written now are past the sweep's quiet period. */
  private DeadLetterQueue deadLettersAnHourLater(String deadLetterQueueUrl) {
    return new DeadLetterQueue(
        bed.sqs.client(),
        bed.sqs.queueUrl(),
        deadLetterQueueUrl,
        bed.statuses,
        Clock.offset(bed.clock, Duration.ofHours(1)));
  }

  @Test
  void zeroIntervalSchedulesNothing() {
    assertThat(StrandedSweep.schedule(() -> {}, Duration.ZERO)).isEmpty();

    Optional<ScheduledExecutorService> timer =
        StrandedSweep.schedule(() -> {}, Duration.ofMinutes(5));
    assertThat(timer).isPresent();
    timer.get().shutdownNow();
  }

  @Test
  void sweepFailsAJobWhoseWorkerCrashedOnEveryAttemptAndRemovesItsSegmentFiles()
      throws IOException {
    JobId id = bed.submit("job-stranded");
    bed.statuses.update(id, s -> s.processing(3, "worker-a", Instant.now()));
    // A segment of the job that one worker finished before the others were killed.
    try (PendingFile segment = bed.videos.createSegment(id, 0, 1)) {
      Files.writeString(segment.path(), "encoded frames");
      segment.commit();
    }
    assertThat(bed.outputFiles()).anyMatch(p -> p.toString().contains(".segments"));
    bed.strandBySqs();

    new StrandedSweep(
            deadLettersAnHourLater(bed.sqs.deadLetterQueueUrl()),
            bed.videos,
            WorkerTestBed.settings("w"))
        .run();

    assertThat(bed.status(id).state()).isEqualTo(JobState.FAILED);
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isEqualTo(1);
    assertThat(bed.outputFiles()).noneMatch(p -> p.toString().contains(".segments"));
  }

  /** A scheduled task that throws is never run again: a failing sweep must not stop the timer. */
  @Test
  void aFailingSweepIsTriedAgainAtTheNextOne() {
    StrandedSweep sweep =
        new StrandedSweep(
            deadLettersAnHourLater(bed.sqs.deadLetterQueueUrl() + "-missing"),
            bed.videos,
            WorkerTestBed.settings("w"));
    AtomicInteger runs = new AtomicInteger();

    ScheduledExecutorService timer =
        StrandedSweep.schedule(
                () -> {
                  runs.incrementAndGet();
                  sweep.run();
                },
                Duration.ofMillis(20))
            .orElseThrow();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    } finally {
      timer.shutdownNow();
    }
  }
}
