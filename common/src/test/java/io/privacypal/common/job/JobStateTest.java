package io.privacypal.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobStateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aJobRunsFromQueuedThroughProcessingToSucceeded() {
    JobStatus done =
        JobStatus.queued(JobId.of("job-1"), "clip.mp4", JobOptions.defaults(), T0)
            .processing(1, "w1", T0.plusSeconds(1))
            .progressed(0.5, null, T0.plusSeconds(2))
            .succeeded("out.mp4", new JobStats(10, 2, 1, 1), T0.plusSeconds(3));

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.version()).isEqualTo(4);
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(done.createdAt()).isEqualTo(T0);
  }

  @Test
  void aFinishedJobCannotBeMovedBackByALateMessage() {
    JobStatus done =
        JobStatus.queued(JobId.of("job-1"), "clip.mp4", JobOptions.defaults(), T0)
            .processing(1, "w1", T0)
            .succeeded("out.mp4", null, T0);

    assertThatThrownBy(() -> done.processing(2, "w2", T0))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("SUCCEEDED to PROCESSING");
    assertThatThrownBy(() -> done.failed(JobFailure.of(FailureKind.TRANSIENT, "x"), T0))
        .isInstanceOf(IllegalJobTransitionException.class);
  }

  @Test
  void aCancelledJobRefusesProgressWrites() {
    JobStatus cancelled =
        JobStatus.queued(JobId.of("job-1"), "clip.mp4", JobOptions.defaults(), T0)
            .processing(1, "w1", T0)
            .cancelled(T0);

    assertThatThrownBy(() -> cancelled.progressed(0.2, null, T0))
        .isInstanceOf(IllegalJobTransitionException.class);
  }

  @Test
  void onlyFailedJobsCanBeRequeuedFromATerminalState() {
    for (JobState state : JobState.values()) {
      boolean expected = state == JobState.FAILED || state == JobState.PROCESSING;
      assertThat(state.canMoveTo(JobState.QUEUED)).as(state.name()).isEqualTo(expected);
    }
    assertThat(JobState.SUCCEEDED.isTerminal()).isTrue();
    assertThat(JobState.PROCESSING.isTerminal()).isFalse();
  }

  @Test
  void aFailureKeepsItsReasonAndExceptionType() {
    JobFailure failure =
        JobFailure.of(FailureKind.INVALID_INPUT, new IllegalStateException("no video stream"));
    assertThat(failure.reason()).isEqualTo("no video stream");
    assertThat(failure.exceptionType()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void jobIdsThatCouldEscapeAPathAreRefused() {
    assertThatThrownBy(() -> JobId.of("../x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JobId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(JobId.random().value()).hasSize(36);
  }
}
