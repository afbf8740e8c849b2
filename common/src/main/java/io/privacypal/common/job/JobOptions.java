package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a job asks for. Every field is optional on the wire; missing ones take the defaults below,
 * and impossible values are refused here, once, with a message that names the field.
 */
public record JobOptions(
    boolean blurFaces,
    List<BlurRegion> regions,
    BlurMode blurMode,
    MaskShape mask,
    double keyframeIntervalSeconds,
    double boxScale,
    @JsonInclude(JsonInclude.Include.NON_NULL) DetectorKind detector,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double segmentSeconds) {

  /**
   * Chosen with {@code privacypal bench-keyframes} (1280x720, 25 fps, real photos moving, bouncing,
   * sliding in from an edge at three phases, appearing; leaked / face-frames whose middle half is
   * in the picture). With the tracker that stretches faces seen once along their way in from an
   * edge, covers every pairing of ambiguous faces and follows uncertain faces through the frames,
   * every interval from 0.1 to 1.0 s leaked 0/1599 (210 detector calls per video minute at 0.3 s);
   * before it, only 0.1 s did (10/1599 at 0.3 s). The study's rigid photos flatter template
   * matching, so 0.3 s, the Python service's interval, keeps a margin for real faces that turn and
   * change.
   */
  public static final double DEFAULT_KEYFRAME_INTERVAL_SECONDS = 0.3;

  public static final double MIN_KEYFRAME_INTERVAL_SECONDS = 0.04;
  public static final double MAX_KEYFRAME_INTERVAL_SECONDS = 5.0;

  /**
   * Detectors answer the box of the whole head (hair, ears, chin, the back of a turned head), not
   * of the face: this margin absorbs the movement between keyframes. On the leak benchmark's turned
   * heads, exact head boxes leaked 1.7 % of face-frames at 1.3 and 34 % at 1.1.
   */
  public static final double DEFAULT_BOX_SCALE = 1.3;

  public static final double MIN_BOX_SCALE = 1.0;
  public static final double MAX_BOX_SCALE = 3.0;
  public static final int MAX_REGIONS = 100;

  /** Shorter segments would decode more context than frames of their own. */
  public static final double MIN_SEGMENT_SECONDS = 2;

  public JobOptions {
    regions = regions == null ? List.of() : List.copyOf(regions);
    blurMode = blurMode == null ? BlurMode.MOSAIC : blurMode;
    mask = mask == null ? MaskShape.BOX : mask;
    if (regions.size() > MAX_REGIONS) {
      throw new InvalidJobOptionsException("at most " + MAX_REGIONS + " regions");
    }
    if (!(keyframeIntervalSeconds >= MIN_KEYFRAME_INTERVAL_SECONDS
        && keyframeIntervalSeconds <= MAX_KEYFRAME_INTERVAL_SECONDS)) {
      throw new InvalidJobOptionsException(
          "keyframeIntervalSeconds must be between "
              + MIN_KEYFRAME_INTERVAL_SECONDS
              + " and "
              + MAX_KEYFRAME_INTERVAL_SECONDS
              + ", got "
              + keyframeIntervalSeconds);
    }
    if (!(boxScale >= MIN_BOX_SCALE && boxScale <= MAX_BOX_SCALE)) {
      throw new InvalidJobOptionsException(
          "boxScale must be between "
              + MIN_BOX_SCALE
              + " and "
              + MAX_BOX_SCALE
              + ", got "
              + boxScale);
    }
    if (segmentSeconds != null && segmentSeconds != 0 && !(segmentSeconds >= MIN_SEGMENT_SECONDS)) {
      throw new InvalidJobOptionsException(
          "segmentSeconds must be 0 (never split) or at least "
              + MIN_SEGMENT_SECONDS
              + ", got "
              + segmentSeconds);
    }
    if (!blurFaces && regions.isEmpty()) {
      throw new InvalidJobOptionsException(
          "nothing to blur: blurFaces is false and no regions are given");
    }
  }

  /** Leaving the segment length to the worker. */
  public JobOptions(
      boolean blurFaces,
      List<BlurRegion> regions,
      BlurMode blurMode,
      MaskShape mask,
      double keyframeIntervalSeconds,
      double boxScale,
      DetectorKind detector) {
    this(blurFaces, regions, blurMode, mask, keyframeIntervalSeconds, boxScale, detector, null);
  }

  public static JobOptions fromJson(
      Boolean blurFaces,
      List<BlurRegion> regions,
      BlurMode blurMode,
      MaskShape mask,
      Double keyframeIntervalSeconds,
      Double boxScale,
      DetectorKind detector) {
    return fromJson(
        blurFaces, regions, blurMode, mask, keyframeIntervalSeconds, boxScale, detector, null);
  }

  @JsonCreator
  public static JobOptions fromJson(
      @JsonProperty("blurFaces") Boolean blurFaces,
      @JsonProperty("regions") List<BlurRegion> regions,
      @JsonProperty("blurMode") BlurMode blurMode,
      @JsonProperty("mask") MaskShape mask,
      @JsonProperty("keyframeIntervalSeconds") Double keyframeIntervalSeconds,
      @JsonProperty("boxScale") Double boxScale,
      @JsonProperty("detector") DetectorKind detector,
      @JsonProperty("segmentSeconds") Double segmentSeconds) {
    return new JobOptions(
        blurFaces == null || blurFaces,
        regions,
        blurMode,
        mask,
        keyframeIntervalSeconds == null
            ? DEFAULT_KEYFRAME_INTERVAL_SECONDS
            : keyframeIntervalSeconds,
        boxScale == null ? DEFAULT_BOX_SCALE : boxScale,
        detector,
        segmentSeconds);
  }

  public static JobOptions defaults() {
    return fromJson(null, null, null, null, null, null, null);
  }

  public JobOptions withRegions(List<BlurRegion> newRegions) {
    return new JobOptions(
        blurFaces,
        newRegions,
        blurMode,
        mask,
        keyframeIntervalSeconds,
        boxScale,
        detector,
        segmentSeconds);
  }

  public JobOptions withDetector(DetectorKind newDetector) {
    return new JobOptions(
        blurFaces,
        regions,
        blurMode,
        mask,
        keyframeIntervalSeconds,
        boxScale,
        newDetector,
        segmentSeconds);
  }
}
