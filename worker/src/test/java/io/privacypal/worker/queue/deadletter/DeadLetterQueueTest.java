package io.privacypal.worker.queue.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.worker.queue.FakeProcessors;
import io.privacypal.worker.queue.JobQueueReceiver;
import io.privacypal.worker.queue.MessageBodies;
import io.privacypal.worker.queue.QueueMessage;
import io.privacypal.worker.queue.WorkerTestBed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What operators do with dead letters: list them without consuming, and send them back. */
class DeadLetterQueueTest {
  @TempDir Path root;
  private WorkerTestBed bed;
  private JobQueueReceiver source;
  private DeadLetterQueue deadLetters;

  @BeforeEach
  void start() throws IOException {
    bed = new WorkerTestBed(root);
    source = new JobQueueReceiver(bed.sqs.client(), bed.sqs.queueUrl(), bed.clock);
    deadLetters = bed.deadLetters();
  }

  @AfterEach
  void stop() throws Exception {
    bed.close();
  }

  /** Receives the one message on the job queue and moves it, as a worker does. */
  private void deadLetter(String reason, JobId jobId) {
    List<QueueMessage> got = source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertThat(got).hasSize(1);
    deadLetters.moveFrom(got.get(0), reason, jobId);
  }

  private JobId failedJob(String id) {
    JobId jobId = bed.submit(id);
    bed.statuses.update(jobId, s -> s.processing(3, "worker-a", Instant.now()));
    bed.statuses.update(
        jobId,
        s ->
            s.failed(
                JobFailure.of(FailureKind.RETRIES_EXHAUSTED, "failed after 3 attempts"),
                Instant.now()));
    deadLetter("failed after 3 attempts", jobId);
    return jobId;
  }

  @Test
  void findsTheDeadLetterQueueThroughTheRedrivePolicy() {
    DeadLetterQueue found =
        DeadLetterQueue.of(bed.sqs.client(), bed.sqs.queueUrl(), bed.statuses, bed.clock);

    assertThat(found.url()).isEqualTo(bed.sqs.deadLetterQueueUrl());
  }

  @Test
  void listShowsDeadLettersWithoutConsumingThem() {
    Instant before = Instant.now().minusSeconds(1);
    failedJob("job-one");
    failedJob("job-two");

    List<DeadLetterEntry> first = deadLetters.list(10);
    List<DeadLetterEntry> second = deadLetters.list(10);

    assertThat(first)
        .extracting(DeadLetterEntry::jobId)
        .containsExactlyInAnyOrder("job-one", "job-two");
    assertThat(first)
        .allSatisfy(
            e -> {
              assertThat(e.video()).isEqualTo("clip.mp4");
              assertThat(e.reason()).isEqualTo("failed after 3 attempts");
              assertThat(e.receiveCount()).isEqualTo(1);
              assertThat(e.firstEnqueuedAt()).isAfter(before);
            });
    assertThat(second)
        .extracting(DeadLetterEntry::messageId)
        .containsExactlyInAnyOrderElementsOf(
            first.stream().map(DeadLetterEntry::messageId).toList());
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isEqualTo(2);
  }

  @Test
  void listIsLimited() {
    failedJob("job-one");
    failedJob("job-two");
    failedJob("job-three");

    assertThat(deadLetters.list(2)).hasSize(2);
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isEqualTo(3);
  }

  @Test
  void messageMovedBySqsItselfIsListedWithTheReceiveLimitAsItsReason() {
    bed.submit("job-crashing");
    // Three receives without a delete, as three crashed workers would leave it; ElasticMQ applies
    // the RedrivePolicy (maxReceiveCount 3) on the next receive.
    for (int i = 0; i < WorkerTestBed.MAX_RECEIVE_COUNT; i++) {
      QueueMessage m = source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30)).get(0);
      source.changeVisibility(m, Duration.ZERO);
    }
    assertThat(source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30))).isEmpty();

    assertThat(deadLetters.list(10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.jobId()).isEqualTo("job-crashing");
              assertThat(e.reason()).contains("maxReceiveCount");
            });
  }

  @Test
  void redriveSendsDeadLettersBackAndRequeuesTheirFailedJobs() {
    JobId id = failedJob("job-retry-me");
    bed.sendRaw("not JSON at all");
    List<QueueMessage> junk = source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30));
    deadLetters.moveFrom(junk.get(0), "malformed message: not JSON", null);

    RedriveResult result = deadLetters.redrive(10);

    assertThat(result.moved()).isEqualTo(1);
    assertThat(result.requeuedJobs()).containsExactly("job-retry-me");
    assertThat(result.skipped()).singleElement().asString().contains("not JSON");
    JobStatus requeued = bed.status(id);
    assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
    assertThat(requeued.failure().kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isEqualTo(1);
    assertThat(bed.visible(bed.sqs.queueUrl())).isEqualTo(1);

    bed.startConsumer((request, progress, cancel) -> FakeProcessors.writeOutput(request));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    assertThat(bed.status(id).attempt()).isEqualTo(1);
  }

  @Test
  void redriveKeepsTheJobIdOfAMinimalMessage() {
    String messageId = bed.sendRaw("{\"video\":\"clip.mp4\"}");
    JobId id = JobId.of(messageId);
    bed.statuses.createIfAbsent(JobStatus.queued(id, "clip.mp4", null, Instant.now()));
    bed.statuses.update(id, s -> s.processing(3, "worker-a", Instant.now()));
    bed.statuses.update(
        id, s -> s.failed(JobFailure.of(FailureKind.RETRIES_EXHAUSTED, "gave up"), Instant.now()));
    deadLetter("gave up", id);

    RedriveResult result = deadLetters.redrive(10);

    assertThat(result.requeuedJobs()).containsExactly(messageId);
    QueueMessage back = source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30)).get(0);
    assertThat(MessageBodies.jobId(back.body())).contains(id);
    assertThat(bed.status(id).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void failStrandedFailsAJobSqsMovedAndLeavesItsMessageForRedrive() {
    JobId id = bed.submit("job-stranded");
    bed.statuses.update(id, s -> s.processing(3, "worker-a", Instant.now()));
    bed.strandBySqs();

    StrandedResult result = deadLetters.failStranded(10, Duration.ZERO);

    assertThat(result.checked()).isEqualTo(1);
    assertThat(result.failedJobs()).containsExactly("job-stranded");
    JobStatus failed = bed.status(id);
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
    assertThat(failed.failure().reason())
        .contains("killed or crashed", "each of its 3 attempts", "privacypal dlq redrive");
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isEqualTo(1);
    assertThat(deadLetters.failStranded(10, Duration.ZERO).failedJobs()).isEmpty();

    RedriveResult redriven = deadLetters.redrive(10);

    assertThat(redriven.requeuedJobs()).containsExactly("job-stranded");
    assertThat(bed.status(id).state()).isEqualTo(JobState.QUEUED);
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isZero();
    assertThat(bed.visible(bed.sqs.queueUrl())).isEqualTo(1);
  }

  @Test
  void failStrandedFailsAQueuedJobThatNoWorkerEverStarted() {
    JobId id = bed.submit("job-never-started");
    bed.strandBySqs();

    assertThat(deadLetters.failStranded(10, Duration.ZERO).failedJobs())
        .containsExactly("job-never-started");
    assertThat(bed.status(id).failure().reason()).contains("each of its attempts");
  }

  @Test
  void failStrandedLeavesFinishedJobsUnknownJobsAndMalformedBodiesAlone() {
    JobId failed = failedJob("job-failed");
    JobId succeeded = bed.submit("job-succeeded");
    bed.strandBySqs();
    bed.statuses.update(succeeded, s -> s.processing(1, "worker-a", Instant.now()));
    bed.statuses.update(succeeded, s -> s.succeeded("out.mp4", null, Instant.now()));
    JobId cancelled = bed.submit("job-cancelled");
    bed.strandBySqs();
    bed.statuses.update(cancelled, s -> s.cancelled(Instant.now()));
    bed.sendRaw("{\"jobId\":\"job-without-status\",\"video\":\"clip.mp4\"}");
    bed.strandBySqs();
    bed.sendRaw("not JSON at all");
    bed.strandBySqs();
    List<JobStatus> before =
        List.of(bed.status(failed), bed.status(succeeded), bed.status(cancelled));

    StrandedResult result = deadLetters.failStranded(10, Duration.ZERO);

    assertThat(result.checked()).isEqualTo(5);
    assertThat(result.failedJobs()).isEmpty();
    assertThat(List.of(bed.status(failed), bed.status(succeeded), bed.status(cancelled)))
        .isEqualTo(before);
    assertThat(bed.statuses.find(JobId.of("job-without-status"))).isEmpty();
    assertThat(bed.visible(bed.sqs.deadLetterQueueUrl())).isEqualTo(5);
  }

  @Test
  void failStrandedLeavesAJobWhoseStatusWasWrittenWithinTheQuietPeriod() {
    JobId id = bed.submit("job-still-beating");
    bed.statuses.update(id, s -> s.processing(3, "worker-a", Instant.now()));
    bed.strandBySqs();

    assertThat(deadLetters.failStranded(10, Duration.ofHours(1)).failedJobs()).isEmpty();
    assertThat(bed.status(id).state()).isEqualTo(JobState.PROCESSING);
  }
}
