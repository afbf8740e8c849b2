package io.privacypal.worker.queue.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.FakeProcessors;
import io.privacypal.worker.queue.WorkerTestBed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that runs its worker out of memory ends as a retry, then a failure, never as a dead slot
 * with the job left PROCESSING; the slot goes on to the next job.
 */
class OutOfMemoryTest {
  @TempDir Path root;
  private WorkerTestBed bed;

  @BeforeEach
  void setUp() throws Exception {
    bed = new WorkerTestBed(root);
  }

  @AfterEach
  void tearDown() throws Exception {
    bed.close();
  }

  @Test
  void outOfMemoryIsRetriedThenFailsAndTheSlotsKeepWorking() {
    AtomicInteger bombAttempts = new AtomicInteger();
    // One slot only, so a slot killed by the error would leave nobody for the next job.
    ConsumerSettings oneSlot = WorkerTestBed.settings("worker-a").withSlots(1);
    bed.startConsumer(
        (request, progress, cancel) -> {
          if (request.output().toString().contains("job-bomb")) {
            bombAttempts.incrementAndGet();
            throw new OutOfMemoryError("Cannot reserve 12441600 bytes of direct buffer memory");
          }
          return FakeProcessors.writeOutput(request);
        },
        oneSlot);

    JobId bomb = bed.submit("job-bomb");
    await().atMost(Duration.ofSeconds(30)).until(() -> bed.status(bomb).isTerminal());
    JobId next = bed.submit("job-next");
    await().atMost(Duration.ofSeconds(15)).until(() -> bed.status(next).isTerminal());

    JobStatus failed = bed.status(bomb);
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.failure().kind()).isNotEqualTo(FailureKind.INVALID_INPUT);
    assertThat(failed.failure().reason()).contains("out of memory", "direct buffer memory");
    assertThat(bombAttempts).hasValue(WorkerTestBed.MAX_RECEIVE_COUNT);
    assertThat(bed.status(next).state()).isEqualTo(JobState.SUCCEEDED);
  }
}
