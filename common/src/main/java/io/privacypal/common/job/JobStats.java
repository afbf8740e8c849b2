package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a finished (or running) job measured about itself, and which detector and model searched its
 * keyframes ({@code null} in statuses written before they were recorded). A job split into segments
 * sums its segments' frames and detector calls and lists each in {@code segments}.
 *
 * @param secondsLeft while the job runs, the time it still needs at the frame rate measured so far
 *     (null before the first frames); 0 once done
 * @param stages where the time went, stage by stage in pipeline order (null when not measured)
 */
public record JobStats(
    long frames,
    long detectorCalls,
    double videoSeconds,
    double processingSeconds,
    String detector,
    String model,
    Double secondsLeft,
    Map<String, StageTime> stages,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SegmentStats> segments) {

  public JobStats {
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  /** Without naming the detector: for tests and callers that ran none. */
  public JobStats(long frames, long detectorCalls, double videoSeconds, double processingSeconds) {
    this(frames, detectorCalls, videoSeconds, processingSeconds, null, null);
  }

  /** Without the time left or the stages. */
  public JobStats(
      long frames,
      long detectorCalls,
      double videoSeconds,
      double processingSeconds,
      String detector,
      String model) {
    this(frames, detectorCalls, videoSeconds, processingSeconds, detector, model, null, null);
  }

  /** A job run whole: no segments. */
  public JobStats(
      long frames,
      long detectorCalls,
      double videoSeconds,
      double processingSeconds,
      String detector,
      String model,
      Double secondsLeft,
      Map<String, StageTime> stages) {
    this(
        frames,
        detectorCalls,
        videoSeconds,
        processingSeconds,
        detector,
        model,
        secondsLeft,
        stages,
        List.of());
  }

  /**
   * A running split job's figures: {@code frames} encoded so far across its segments and the time
   * left estimated from them, over what {@code before} said (null: nothing yet).
   */
  public static JobStats running(JobStats before, long frames, Double secondsLeft) {
    if (before == null) {
      return new JobStats(frames, 0, 0, 0, null, null, secondsLeft, null);
    }
    return new JobStats(
        frames,
        before.detectorCalls,
        before.videoSeconds,
        before.processingSeconds,
        before.detector,
        before.model,
        secondsLeft,
        before.stages,
        before.segments);
  }

  /** Detector calls per minute of video: the figure that sets a Rekognition bill. */
  public double detectorCallsPerVideoMinute() {
    return videoSeconds <= 0 ? 0 : detectorCalls * 60.0 / videoSeconds;
  }
}
