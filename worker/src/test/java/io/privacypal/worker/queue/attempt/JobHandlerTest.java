package io.privacypal.worker.queue.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.status.IdempotencyClaim;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.PendingOutput;
import io.privacypal.worker.queue.FakeProcessors;
import io.privacypal.worker.queue.RecordingStatusStore;
import io.privacypal.worker.queue.WorkerTestBed;
import io.privacypal.worker.queue.deadletter.DeadLetterEntry;
import io.privacypal.worker.video.InvalidVideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The consumer's outcomes for one message: success, duplicates, malformed bodies, failures. */
class JobHandlerTest {
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
  void jobSucceedsAndItsMessageIsDeletedOnlyAfterTheSucceededStatusIsStored() throws Exception {
    String queue = bed.sqs.queueUrl();
    var store =
        new RecordingStatusStore<>(bed.statuses, s -> new Write(s.state(), bed.total(queue)));
    bed.startConsumer(
        (request, progress, cancel) -> FakeProcessors.writeOutput(request),
        WorkerTestBed.settings("worker-a"),
        bed.sqs.client(),
        store);

    JobId id = bed.submit("job-ok");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(queue) == 0);
    JobStatus done = bed.status(id);
    Path output = bed.outputDir.resolve("jobs/job-ok.output.mp4");
    assertThat(done.output()).isEqualTo(output.toString());
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(done.worker()).isEqualTo("worker-a");
    assertThat(done.stats()).isEqualTo(FakeProcessors.STATS);
    assertThat(Files.readString(output)).isEqualTo("anonymized clip.mp4");
    assertThat(bed.outputFiles())
        .containsExactly(Path.of("clip-processed.mp4"), Path.of("jobs/job-ok.output.mp4"));
    assertThat(bed.outputDir.resolve("clip-processed.mp4")).hasSameTextualContentAs(output);
    // The message was still on the queue when SUCCEEDED was written.
    assertThat(store.observed).contains(new Write(JobState.SUCCEEDED, 1));
  }

  record Write(JobState state, int messagesOnQueue) {}

  @Test
  void minimalMessageRunsUnderItsMessageId() {
    bed.startConsumer((request, progress, cancel) -> FakeProcessors.writeOutput(request));

    String messageId = bed.sendRaw("{\"video\":\"clip.mp4\"}");

    JobId id = JobId.of(messageId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> bed.statuses.find(id).map(JobStatus::state).orElse(null) == JobState.SUCCEEDED);
    assertThat(bed.status(id).video()).isEqualTo("clip.mp4");
  }

  @Test
  void neverHoldsMoreMessagesInFlightThanItHasSlots() {
    FakeProcessors.Holding processor = new FakeProcessors.Holding();
    bed.startConsumer(processor, WorkerTestBed.settings("worker-a").toBuilder().slots(2).build());
    List<JobId> ids =
        List.of(
            bed.submit("j1"),
            bed.submit("j2"),
            bed.submit("j3"),
            bed.submit("j4"),
            bed.submit("j5"));

    await().atMost(Duration.ofSeconds(5)).until(() -> processor.calls.get() == 2);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(4))
        .until(() -> bed.inFlight(bed.sqs.queueUrl()) <= 2 && processor.calls.get() == 2);
    processor.release();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ids.stream().allMatch(id -> bed.status(id).state() == JobState.SUCCEEDED));
    assertThat(processor.maxConcurrent.get()).isEqualTo(2);
    assertThat(processor.calls.get()).isEqualTo(5);
  }

  @Test
  void duplicateMessageOfAFinishedJobIsDeletedWithoutReprocessing() {
    AtomicInteger calls = new AtomicInteger();
    bed.startConsumer(
        (request, progress, cancel) -> {
          calls.incrementAndGet();
          return FakeProcessors.writeOutput(request);
        });
    JobId id = bed.submit("job-dup");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    JobStatus finished = bed.status(id);

    bed.submit("job-dup");

    await().atMost(Duration.ofSeconds(10)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(bed.status(id)).isEqualTo(finished);
  }

  @Test
  void malformedMessagesGoToTheDeadLetterQueueAndTheWorkerKeepsServing() {
    bed.startConsumer((request, progress, cancel) -> FakeProcessors.writeOutput(request));
    JobId known = JobId.of("job-future");
    bed.statuses.createIfAbsent(
        JobStatus.queued(
            known,
            "clip.mp4",
            io.privacypal.common.job.JobOptions.defaults(),
            java.time.Instant.now()));

    bed.sendRaw("this is not JSON");
    bed.sendRaw("{\"schemaVersion\":9,\"jobId\":\"job-future\",\"video\":\"clip.mp4\"}");
    bed.sendRaw("{\"jobId\":\"job-novideo\"}");
    bed.sendRaw("{\"video\":\"clip.mp4\",\"options\":{\"boxScale\":-1}}");
    JobId good = bed.submit("job-good");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(good).state() == JobState.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.total(bed.sqs.deadLetterQueueUrl()) == 4);
    assertThat(bed.total(bed.sqs.queueUrl())).isZero();
    JobStatus failed = bed.status(known);
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.MALFORMED_MESSAGE);
    assertThat(failed.failure().reason()).contains("schemaVersion");
    List<DeadLetterEntry> letters = bed.deadLetters().list(10);
    assertThat(letters)
        .extracting(DeadLetterEntry::reason)
        .allMatch(reason -> reason.startsWith("malformed message: "))
        .anyMatch(reason -> reason.contains("not JSON"))
        .anyMatch(reason -> reason.contains("\"video\""))
        .anyMatch(reason -> reason.contains("boxScale"));
    assertThat(letters).filteredOn(e -> "job-future".equals(e.jobId())).hasSize(1);
  }

  @Test
  void unknownKindsAndSegmentsOfNoPlanGoToTheDeadLetterQueueAndTheWorkerKeepsServing() {
    bed.startConsumer((request, progress, cancel) -> FakeProcessors.writeOutput(request));
    JobId unplanned = bed.submit("job-unplanned");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(unplanned).state() == JobState.SUCCEEDED);

    // A kind from a newer release, and a forged segment of a job that was never split.
    bed.sendRaw("{\"kind\":\"stitch\",\"jobId\":\"job-newer\",\"video\":\"clip.mp4\"}");
    bed.sendRaw(
        "{\"schemaVersion\":2,\"kind\":\"segment\",\"jobId\":\"job-unplanned\","
            + "\"video\":\"clip.mp4\",\"segment\":{\"index\":0,\"firstFrame\":0,\"endFrame\":9}}");
    JobId good = bed.submit("job-after");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(good).state() == JobState.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.total(bed.sqs.deadLetterQueueUrl()) == 2);
    assertThat(bed.deadLetters().list(10))
        .extracting(DeadLetterEntry::reason)
        .anyMatch(reason -> reason.contains("unknown message kind \"stitch\""))
        .anyMatch(reason -> reason.contains("matches no planned segment"));
    assertThat(bed.status(unplanned).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void cancelLandingBetweenPublishingAndSucceededLeavesNoOutputAndAnEarlierJobsOutputStands()
      throws IOException {
    JobId earlier = JobId.of("job-earlier");
    try (PendingOutput output = bed.videos.createOutput("clip.mp4", earlier, 1)) {
      Files.writeString(output.path(), "the earlier job's");
      output.commit();
      output.publishAlias(Instant.now().minusSeconds(60));
    }
    // The cancel arrives just after the output was published, before SUCCEEDED is written.
    JobStatusStore cancelsBeforeSuccess =
        new JobStatusStore() {
          @Override
          public JobStatus createIfAbsent(JobStatus initial) {
            return bed.statuses.createIfAbsent(initial);
          }

          @Override
          public Optional<JobStatus> find(JobId jobId) {
            return bed.statuses.find(jobId);
          }

          @Override
          public JobStatus update(JobId jobId, UnaryOperator<JobStatus> change) {
            JobStatus now = bed.statuses.find(jobId).orElseThrow();
            if (now.state() == JobState.PROCESSING && wouldSucceed(now, change)) {
              bed.statuses.update(jobId, s -> s.cancelled(Instant.now()));
            }
            return bed.statuses.update(jobId, change);
          }

          private boolean wouldSucceed(JobStatus now, UnaryOperator<JobStatus> change) {
            try {
              return change.apply(now).state() == JobState.SUCCEEDED;
            } catch (RuntimeException e) {
              return false;
            }
          }

          @Override
          public Optional<JobStatus> latestForVideo(String client, String video) {
            return bed.statuses.latestForVideo(client, video);
          }

          @Override
          public List<JobStatus> recent(int limit) {
            return bed.statuses.recent(limit);
          }

          @Override
          public Optional<IdempotencyClaim> claimIdempotencyKey(
              String key, IdempotencyClaim claim) {
            return bed.statuses.claimIdempotencyKey(key, claim);
          }

          @Override
          public void releaseIdempotencyKey(String key) {
            bed.statuses.releaseIdempotencyKey(key);
          }
        };
    bed.startConsumer(
        (request, progress, cancel) -> FakeProcessors.writeOutput(request),
        WorkerTestBed.settings("worker-a"),
        bed.sqs.client(),
        cancelsBeforeSuccess);

    JobId id = bed.submit("job-late-cancel");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.status(id).state() == JobState.CANCELLED);
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    // The cancelled job's output and the alias it took are gone; the earlier job's output is not.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> bed.outputFiles().equals(List.of(Path.of("jobs/job-earlier.output.mp4"))));
    assertThat(bed.outputDir.resolve("jobs/job-earlier.output.mp4"))
        .hasContent("the earlier job's");
    assertThat(bed.status(id).output()).isNull();
  }

  @Test
  void permanentFailureFailsTheJobAtOnceWithoutRetry() {
    AtomicInteger calls = new AtomicInteger();
    bed.startConsumer(
        (request, progress, cancel) -> {
          calls.incrementAndGet();
          throw new InvalidVideoException("no video stream in clip.mp4");
        });

    JobId id = bed.submit("job-bad");

    await().atMost(Duration.ofSeconds(10)).until(() -> bed.status(id).state() == JobState.FAILED);
    JobStatus failed = bed.status(id);
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.INVALID_INPUT);
    assertThat(failed.failure().reason()).isEqualTo("no video stream in clip.mp4");
    assertThat(failed.attempt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    // Well past the visibility timeout and the first retry delay: nothing came back.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(4))
        .until(() -> calls.get() == 1);
    assertThat(bed.total(bed.sqs.deadLetterQueueUrl())).isZero();
  }

  @Test
  void missingVideoFailsTheJobWithoutCallingTheProcessor() {
    AtomicInteger calls = new AtomicInteger();
    bed.startConsumer(
        (request, progress, cancel) -> {
          calls.incrementAndGet();
          return FakeProcessors.writeOutput(request);
        });

    bed.sendRaw("{\"jobId\":\"job-missing\",\"video\":\"nowhere.mp4\"}");

    JobId id = JobId.of("job-missing");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bed.statuses.find(id).map(JobStatus::state).orElse(null) == JobState.FAILED);
    assertThat(bed.status(id).failure().kind()).isEqualTo(FailureKind.INVALID_INPUT);
    assertThat(bed.status(id).failure().reason()).contains("nowhere.mp4");
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    assertThat(calls.get()).isZero();
  }

  @Test
  void transientFailureIsRetriedAndSucceedsOnTheSecondAttempt() {
    AtomicInteger calls = new AtomicInteger();
    var store = new RecordingStatusStore<>(bed.statuses, s -> s);
    bed.startConsumer(
        (request, progress, cancel) -> {
          if (calls.incrementAndGet() == 1) {
            throw new IOException("ffmpeg exited with 137");
          }
          return FakeProcessors.writeOutput(request);
        },
        WorkerTestBed.settings("worker-a"),
        bed.sqs.client(),
        store);

    JobId id = bed.submit("job-flaky");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    assertThat(bed.status(id).attempt()).isEqualTo(2);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(store.observed)
        .filteredOn(s -> s.state() == JobState.QUEUED)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.failure().kind()).isEqualTo(FailureKind.TRANSIENT);
              assertThat(s.failure().reason()).isEqualTo("ffmpeg exited with 137");
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
  }

  @Test
  void anAwsFaultIsFiledAsTransientAndRetried() {
    AtomicInteger calls = new AtomicInteger();
    var store = new RecordingStatusStore<>(bed.statuses, s -> s);
    bed.startConsumer(
        (request, progress, cancel) -> {
          if (calls.incrementAndGet() == 1) {
            throw S3Exception.builder().message("Service Unavailable").statusCode(503).build();
          }
          return FakeProcessors.writeOutput(request);
        },
        WorkerTestBed.settings("worker-a"),
        bed.sqs.client(),
        store);

    JobId id = bed.submit("job-aws-fault");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    assertThat(store.observed)
        .filteredOn(s -> s.state() == JobState.QUEUED)
        .singleElement()
        .satisfies(s -> assertThat(s.failure().kind()).isEqualTo(FailureKind.TRANSIENT));
  }

  @Test
  void aNativeLibraryThatFailsToLoadIsRetriedNotLeftProcessing() {
    AtomicInteger calls = new AtomicInteger();
    var store = new RecordingStatusStore<>(bed.statuses, s -> s);
    bed.startConsumer(
        (request, progress, cancel) -> {
          if (calls.incrementAndGet() == 1) {
            throw new UnsatisfiedLinkError("Can't load library: /tmp/opencv/libopencv_java490.so");
          }
          return FakeProcessors.writeOutput(request);
        },
        WorkerTestBed.settings("worker-a"),
        bed.sqs.client(),
        store);

    JobId id = bed.submit("job-native");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> bed.status(id).state() == JobState.SUCCEEDED);
    assertThat(bed.status(id).attempt()).isEqualTo(2);
    assertThat(store.observed)
        .filteredOn(s -> s.state() == JobState.QUEUED)
        .singleElement()
        .satisfies(s -> assertThat(s.failure().reason()).contains("libopencv_java490.so"));
  }

  @Test
  void repeatedTransientFailureEndsFailedWithRetriesExhaustedAndTheMessageInTheDeadLetterQueue()
      throws IOException {
    AtomicInteger calls = new AtomicInteger();
    bed.startConsumer(
        (request, progress, cancel) -> {
          throw new IOException("storage unavailable (call " + calls.incrementAndGet() + ")");
        });

    JobId id = bed.submit("job-doomed");

    await().atMost(Duration.ofSeconds(20)).until(() -> bed.status(id).state() == JobState.FAILED);
    JobStatus failed = bed.status(id);
    assertThat(failed.failure().kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
    assertThat(failed.failure().reason())
        .isEqualTo("failed after 3 attempts; last error: storage unavailable (call 3)");
    assertThat(failed.attempt()).isEqualTo(3);
    assertThat(calls.get()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(5)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    assertThat(bed.deadLetters().list(10))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.jobId()).isEqualTo("job-doomed");
              assertThat(letter.video()).isEqualTo("clip.mp4");
              assertThat(letter.reason()).isEqualTo(failed.failure().reason());
              assertThat(letter.receiveCount()).isEqualTo(3);
              assertThat(letter.firstEnqueuedAt()).isBefore(failed.updatedAt());
            });
    assertThat(bed.outputFiles()).isEmpty();
  }
}
