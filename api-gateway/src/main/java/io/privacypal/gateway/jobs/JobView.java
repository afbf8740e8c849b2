package io.privacypal.gateway.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.SegmentStats;
import io.privacypal.common.job.StageTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as the API shows it: the stored status, with the failure flattened into {@code error} and
 * {@code errorKind} (paths, AWS account ids, ARNs and URLs taken out: {@link PublicText}), the
 * detector calls per video minute worked out, and the client that submitted it.
 */
public record JobView(
    String jobId,
    String video,
    String state,
    double progress,
    String output,
    String outputUrl,
    String error,
    String errorKind,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    JobOptions options,
    StatsView stats,
    String client) {

  /** The job's measurements; null until a worker has reported some. */
  public record StatsView(
      long frames,
      long detectorCalls,
      double videoSeconds,
      double processingSeconds,
      double detectorCallsPerVideoMinute,
      String detector,
      String model,
      Double secondsLeft,
      Map<String, StageTime> stages,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SegmentStats> segments) {
    static StatsView of(JobStats stats) {
      return stats == null
          ? null
          : new StatsView(
              stats.frames(),
              stats.detectorCalls(),
              stats.videoSeconds(),
              stats.processingSeconds(),
              stats.detectorCallsPerVideoMinute(),
              stats.detector(),
              stats.model(),
              stats.secondsLeft(),
              stats.stages(),
              stats.segments());
    }
  }

  public static JobView of(JobStatus status) {
    String id = status.jobId().value();
    return new JobView(
        id,
        status.video(),
        status.state().name(),
        status.progress(),
        status.output(),
        status.output() == null ? null : JobRoutes.JOBS + "/" + id + "/output",
        status.failure() == null ? null : PublicText.redact(status.failure().reason()),
        status.failure() == null ? null : status.failure().kind().name(),
        status.attempt(),
        status.createdAt(),
        status.updatedAt(),
        status.options(),
        StatsView.of(status.stats()),
        status.client());
  }
}
