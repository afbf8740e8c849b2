package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a finished (or running) job measured about itself, and which detector and model searched its
 * keyframes ({@code null} in statuses written before they were recorded). A job split into segments
 * sums its segments' frames and detector calls and lists each in {@code segments}.
 */
public record JobStats(
    long frames,
    long detectorCalls,
    double videoSeconds,
    double processingSeconds,
    String detector,
    String model,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SegmentStats> segments) {

  public JobStats {
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  public JobStats(
      long frames,
      long detectorCalls,
      double videoSeconds,
      double processingSeconds,
      String detector,
      String model) {
    this(frames, detectorCalls, videoSeconds, processingSeconds, detector, model, List.of());
  }

  /** Without naming the detector: for tests and callers that ran none. */
  public JobStats(long frames, long detectorCalls, double videoSeconds, double processingSeconds) {
    this(frames, detectorCalls, videoSeconds, processingSeconds, null, null);
  }

  /** Detector calls per minute of video: the figure that sets a Rekognition bill. */
  public double detectorCallsPerVideoMinute() {
    return videoSeconds <= 0 ? 0 : detectorCalls * 60.0 / videoSeconds;
  }
}
