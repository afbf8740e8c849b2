package io.privacypal.common.job;

/**
 * What a finished (or running) job measured about itself, and which detector and model searched its
 * keyframes ({@code null} in statuses written before they were recorded).
 */
public record JobStats(
    long frames,
    long detectorCalls,
    double videoSeconds,
    double processingSeconds,
    String detector,
    String model) {

  /** Without naming the detector: for tests and callers that ran none. */
  public JobStats(long frames, long detectorCalls, double videoSeconds, double processingSeconds) {
    this(frames, detectorCalls, videoSeconds, processingSeconds, null, null);
  }

  /** Detector calls per minute of video: the figure that sets a Rekognition bill. */
  public double detectorCallsPerVideoMinute() {
    return videoSeconds <= 0 ? 0 : detectorCalls * 60.0 / videoSeconds;
  }
}
