package io.privacypal.worker.detect;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.DetectorKind;
import io.privacypal.worker.detect.rekognition.RekognitionFaceDetector;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The detectors of one worker process, shared by its job slots: the default from
 * PRIVACYPAL_DETECTOR ({@code local} unless set), loaded at start-up, and whichever a job asks for,
 * created on first use (a job whose detector cannot load fails with the reason).
 */
public final class Detectors implements AutoCloseable {
  private final DetectorKind defaultKind;
  private final Function<DetectorKind, FaceDetector> factory;
  private final Map<DetectorKind, FaceDetector> created = new EnumMap<>(DetectorKind.class);

  public Detectors(DetectorKind defaultKind, Function<DetectorKind, FaceDetector> factory) {
    this.defaultKind = defaultKind;
    this.factory = factory;
  }

  /**
   * The detectors a process configured by {@code config} runs with, the default one loaded now: a
   * worker that cannot search for faces refuses to start rather than let a job through unsearched.
   *
   * @throws ConfigException when the default detector cannot load, saying how to fix it
   */
  public static Detectors start(ConfigSource config) {
    Detectors detectors = new Detectors(defaultKind(config), kind -> create(kind, config));
    try {
      detectors.forJob(null);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new ConfigException(
          "the " + detectors.defaultKind.json() + " face detector cannot start: " + e.getMessage());
    }
    return detectors;
  }

  private static FaceDetector create(DetectorKind kind, ConfigSource config) {
    return switch (kind) {
      case LOCAL ->
          new OpenCvFaceDetector(FaceModelFiles.blazeFace(config.get("PRIVACYPAL_FACE_MODEL")));
      case REKOGNITION -> RekognitionFaceDetector.create(config);
      case CASCADES -> OpenCvFaceDetector.cascades();
    };
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
