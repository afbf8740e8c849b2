package io.privacypal.worker.segment;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;

/**
 * @param segmentSeconds videos longer than this are split into segments of at most this length that
 *     any worker runs (PRIVACYPAL_SEGMENT_SECONDS, default 60; 0 never splits)
 */
public record SegmentSettings(double segmentSeconds) {
  public static final double DEFAULT_SEGMENT_SECONDS = 60;

  /** Below this the overlap each segment decodes for context outweighs the work it shares. */
  public static final double MIN_SEGMENT_SECONDS = 2;

  public SegmentSettings {
    if (segmentSeconds != 0 && !(segmentSeconds >= MIN_SEGMENT_SECONDS)) {
      throw new ConfigException(
          "PRIVACYPAL_SEGMENT_SECONDS must be 0 (never split) or at least "
              + MIN_SEGMENT_SECONDS
              + ", got "
              + segmentSeconds);
    }
  }

  public static SegmentSettings from(ConfigSource config) {
    return new SegmentSettings(
        config.getDouble("PRIVACYPAL_SEGMENT_SECONDS", DEFAULT_SEGMENT_SECONDS));
  }

  public static SegmentSettings never() {
    return new SegmentSettings(0);
  }
}
