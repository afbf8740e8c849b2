package io.privacypal.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static JobStatus splitJob() {
    SegmentPlan plan =
        SegmentPlan.of(
            400,
            List.of(
                SegmentPlan.Segment.queued(0, 0, 100),
                SegmentPlan.Segment.queued(1, 100, 200),
                SegmentPlan.Segment.queued(2, 200, 300),
                SegmentPlan.Segment.queued(3, 300, 400)));
    return JobStatus.queued(JobId.of("job-1"), "long.mp4", JobOptions.defaults(), T0)
        .processing(1, "w1", T0)
        .planned(plan, T0.plusSeconds(2));
  }

  @Test
  void aSplitJobHasNoEstimateBeforeItsFirstFrames() {
    JobStatus planned = splitJob();

    assertThat(planned.plan().startedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(planned.stats().secondsLeft()).isNull();
  }

  @Test
  void theTimeLeftFollowsTheRateOfEverySegmentTogether() {
    JobStatus planned = splitJob();

    // Two segments running at once, 100 frames between them 10 s after the plan: 10 fps in all,
    // so the 300 frames left need 30 s, whatever share each segment has.
    JobStatus running =
        planned
            .planned(planned.plan().withSegment(0, s -> s.progressed(60)), T0.plusSeconds(8))
            .planned(
                planned
                    .plan()
                    .withSegment(0, s -> s.progressed(60))
                    .withSegment(1, s -> s.progressed(40)),
                T0.plusSeconds(12));

    assertThat(running.plan().startedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(running.progress()).isCloseTo(0.25, within(1e-9));
    assertThat(running.stats().frames()).isEqualTo(100);
    assertThat(running.stats().secondsLeft()).isCloseTo(30.0, within(1e-9));
  }

  @Test
  void aPlanStoredBeforeItsStartWasRecordedStartsAtItsNextWrite() {
    SegmentPlan old =
        new SegmentPlan(
            200,
            List.of(SegmentPlan.Segment.queued(0, 0, 100), SegmentPlan.Segment.queued(1, 100, 200)),
            true,
            null,
            null,
            null);

    assertThat(old.secondsLeft(T0)).isNull();
    assertThat(old.startedBy(T0).startedAt()).isEqualTo(T0);
    assertThat(old.startedBy(T0).startedBy(T0.plusSeconds(5)).startedAt()).isEqualTo(T0);
  }
}
