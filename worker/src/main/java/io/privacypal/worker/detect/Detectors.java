package io.privacypal.worker.detect;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.DetectorKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The detectors of one worker process, created on first use and shared by its job slots: the
 * default from PRIVACYPAL_DETECTOR ({@code local} unless set), and whichever a job asks for.
 */
public final class Detectors implements AutoCloseable {
  private final DetectorKind defaultKind;
  private final Function<DetectorKind, FaceDetector> factory;
  private final Map<DetectorKind, FaceDetector> created = new EnumMap<>(DetectorKind.class);

  public Detectors(DetectorKind defaultKind, Function<DetectorKind, FaceDetector> factory) {
    this.defaultKind = defaultKind;
    this.factory = factory;
  }

  public static DetectorKind defaultKind(ConfigSource config) {
    try {
      DetectorKind kind = DetectorKind.parse(config.get("PRIVACYPAL_DETECTOR", "local"));
      return kind == null ? DetectorKind.LOCAL : kind;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("PRIVACYPAL_DETECTOR: " + e.getMessage());
    }
  }

  public DetectorKind defaultKind() {
    return defaultKind;
  }

  /** The detector for a job: its own choice, or the process default when it made none. */
  public synchronized FaceDetector forJob(DetectorKind requested) {
    DetectorKind kind = requested == null ? defaultKind : requested;
    return created.computeIfAbsent(kind, factory);
  }

  @Override
  public synchronized void close() {
    created.values().forEach(FaceDetector::close);
    created.clear();
  }
}
