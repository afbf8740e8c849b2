package io.privacypal.common.job;

import java.util.List;

/**
 * Job options for tests: the defaults, changed only where a test cares ({@code
 * aJobOptions().withBlurMode(FILL)}).
 */
public final class JobOptionsBuilder {
  private boolean blurFaces = true;
  private List<BlurRegion> regions = List.of();
  private BlurMode blurMode = BlurMode.MOSAIC;
  private MaskShape mask = MaskShape.BOX;
  private double keyframeIntervalSeconds = JobOptions.DEFAULT_KEYFRAME_INTERVAL_SECONDS;
  private double boxScale = JobOptions.DEFAULT_BOX_SCALE;
  private DetectorKind detector;

  private JobOptionsBuilder() {}

  public static JobOptionsBuilder aJobOptions() {
    return new JobOptionsBuilder();
  }

  /** Only the given regions are blurred; faces are left alone. */
  public static JobOptionsBuilder regionsOnly(BlurRegion... regions) {
    return aJobOptions().withBlurFaces(false).withBlurRegions(regions);
  }

  public JobOptionsBuilder withBlurFaces(boolean value) {
    blurFaces = value;
    return this;
  }

  public JobOptionsBuilder withBlurRegions(BlurRegion... value) {
    regions = List.of(value);
    return this;
  }

  public JobOptionsBuilder withBlurMode(BlurMode value) {
    blurMode = value;
    return this;
  }

  public JobOptionsBuilder withMask(MaskShape value) {
    mask = value;
    return this;
  }

  public JobOptionsBuilder withKeyframeInterval(double seconds) {
    keyframeIntervalSeconds = seconds;
    return this;
  }

  public JobOptionsBuilder withBoxScale(double value) {
    boxScale = value;
    return this;
  }

  public JobOptionsBuilder withDetector(DetectorKind value) {
    detector = value;
    return this;
  }

  public JobOptions build() {
    return new JobOptions(
        blurFaces, regions, blurMode, mask, keyframeIntervalSeconds, boxScale, detector);
  }
}
