package io.privacypal.worker.queue.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.worker.queue.FakeProcessors;
import io.privacypal.worker.queue.WorkerTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Cancels, heartbeats, shutdown and crashes: a job's life beyond one clean run. */
class JobConsumerLifecycleTest {
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

  @Test
  void cancelledQueuedJobIsSkippedWhenReceived() {
    AtomicInteger calls = new AtomicInteger();
    JobId id = bed.submit("job-cancelled-early");
    bed.statuses.update(id, s -> s.cancelled(Instant.now()));

    bed.startConsumer(
        (request, progress, cancel) -> {
          calls.incrementAndGet();
          return FakeProcessors.writeOutput(request);
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    assertThat(calls.get()).isZero();
    assertThat(bed.status(id).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void cancellingARunningJobStopsItWithinTwoSecondsAndRemovesItsOutput() throws IOException {
    FakeProcessors.Holding processor = new FakeProcessors.Holding();
    bed.startConsumer(processor);
    JobId id = bed.submit("job-cancel-me");
    await().atMost(Duration.ofSeconds(5)).until(() -> processor.lastOutput != null);
    Path partial = processor.lastOutput;
    assertThat(partial).exists();

    bed.statuses.update(id, s -> s.cancelled(Instant.now()));

    await().atMost(Duration.ofSeconds(2)).until(() -> processor.cancelled.get() == 1);
    await().atMost(Duration.ofSeconds(2)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    assertThat(partial).doesNotExist();
    assertThat(bed.outputFiles()).isEmpty();
    assertThat(bed.status(id).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void heartbeatKeepsAJobLongerThanTheVisibilityTimeoutFromBeingRedelivered() {
    FakeProcessors.Holding processor = new FakeProcessors.Holding();
    bed.startConsumer(processor);
    JobId id = bed.submit("job-long");
    await().atMost(Duration.ofSeconds(5)).until(() -> processor.calls.get() == 1);
    Instant started = bed.status(id).updatedAt();

    // Two and a half visibility timeouts with a free slot: a redelivery would be taken at once.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(6))
        .until(() -> processor.calls.get() == 1 && bed.inFlight(bed.sqs.queueUrl()) == 1);
    JobStatus running = bed.status(id);
    assertThat(running.state()).isEqualTo(JobState.PROCESSING);
    assertThat(running.progress()).isEqualTo(0.5);
    assertThat(running.updatedAt()).isAfter(started.plusSeconds(3));
    processor.release();

    await().atMost(Duration.ofSeconds(5)).until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    assertThat(bed.status(id).attempt()).isEqualTo(1);
    assertThat(processor.calls.get()).isEqualTo(1);
  }

  @Test
  void stopLetsARunningJobFinishWithinTheGracePeriod() {
    FakeProcessors.Holding processor = new FakeProcessors.Holding();
    JobConsumer consumer = bed.startConsumer(processor);
    JobId id = bed.submit("job-finish-first");
    await().atMost(Duration.ofSeconds(5)).until(() -> processor.calls.get() == 1);

    CompletableFuture<Void> stopping =
        CompletableFuture.runAsync(() -> consumer.stop(Duration.ofSeconds(10)));
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> bed.status(id).state() == JobState.PROCESSING);
    assertThat(stopping).isNotDone();
    processor.release();

    await().atMost(Duration.ofSeconds(5)).until(stopping::isDone);
    assertThat(bed.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(processor.cancelled.get()).isZero();
    assertThat(bed.total(bed.sqs.queueUrl())).isZero();
  }

  @Test
  void shutdownReleasesARunningJobToTheQueueVisibleAtOnce() {
    FakeProcessors.Holding processor = new FakeProcessors.Holding();
    JobConsumer consumer = bed.startConsumer(processor);
    JobId id = bed.submit("job-released");
    await().atMost(Duration.ofSeconds(5)).until(() -> processor.lastOutput != null);
    Path partial = processor.lastOutput;

    consumer.stop(Duration.ofMillis(200));

    assertThat(processor.cancelled.get()).isEqualTo(1);
    assertThat(partial).doesNotExist();
    JobStatus released = bed.status(id);
    assertThat(released.state()).isEqualTo(JobState.QUEUED);
    assertThat(released.worker()).isNull();
    assertThat(bed.visible(bed.sqs.queueUrl())).isEqualTo(1);

    // Another worker takes it long before the 2 s visibility timeout would have run out.
    Instant handedOver = Instant.now();
    bed.startConsumer(
        (request, progress, cancel) -> FakeProcessors.writeOutput(request),
        WorkerTestBed.settings("worker-b"));
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    JobStatus done = bed.status(id);
    assertThat(done.worker()).isEqualTo("worker-b");
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(Duration.between(handedOver, done.updatedAt())).isLessThan(WorkerTestBed.VISIBILITY);
  }

  @Test
  void crashedWorkersJobIsTakenOverByAnotherWorkerAfterTheVisibilityTimeout() {
    FakeProcessors.Holding stale = new FakeProcessors.Holding();
    SqsClient lostClient = bed.separateClient();
    bed.startConsumer(stale, WorkerTestBed.settings("worker-a"), lostClient);
    JobId id = bed.submit("job-orphaned");
    await().atMost(Duration.ofSeconds(5)).until(() -> stale.calls.get() == 1);

    // Worker A loses SQS: no more heartbeats, no delete, as if its process had died.
    lostClient.close();
    bed.startConsumer(
        (request, progress, cancel) -> FakeProcessors.writeOutput(request),
        WorkerTestBed.settings("worker-b"));

    await().atMost(Duration.ofSeconds(8)).until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    JobStatus done = bed.status(id);
    assertThat(done.worker()).isEqualTo("worker-b");
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(Files.exists(Path.of(done.output()))).isTrue();
    // The stale attempt sees the newer one at its next status check and stops.
    await().atMost(Duration.ofSeconds(3)).until(() -> stale.cancelled.get() == 1);
    assertThat(bed.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
  }
}
