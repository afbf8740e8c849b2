package io.privacypal.common.job;

/** What a finished (or running) job measured about itself. */
public record JobStats(
    long frames, long detectorCalls, double videoSeconds, double processingSeconds) {

  /** Detector calls per minute of video: the figure that sets a Rekognition bill. */
  public double detectorCallsPerVideoMinute() {
    return videoSeconds <= 0 ? 0 : detectorCalls * 60.0 / videoSeconds;
  }
}
