package io.privacypal.worker.detect.rekognition;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;

/**
 * How the worker talks to Rekognition.
 *
 * @param maxTransactionsPerSecond client-side cap on DetectFaces calls for the whole process
 * @param maxAttempts SDK attempts per call, the first one included (throttling and 5xx are retried)
 * @param jpegQuality starting JPEG quality of the uploaded frame, lowered only to fit the size
 *     limit
 * @param minConfidence faces Rekognition is less sure of (0..100) are dropped
 * @param concurrency DetectFaces calls of one job in flight at once (each holds a keyframe window
 *     of frames in memory); the process-wide rate limit still applies
 */
public record RekognitionSettings(
    double maxTransactionsPerSecond,
    int maxAttempts,
    int jpegQuality,
    double minConfidence,
    int concurrency) {
  public static final double DEFAULT_TPS = 5;
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final int DEFAULT_JPEG_QUALITY = 90;
  public static final double DEFAULT_MIN_CONFIDENCE = 50;
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int MAX_CONCURRENCY = 32;

  public RekognitionSettings {
    if (!(maxTransactionsPerSecond > 0) || maxTransactionsPerSecond > 10_000) {
      throw new ConfigException(
          "PRIVACYPAL_REKOGNITION_TPS must be above 0 and at most 10000, got "
              + maxTransactionsPerSecond);
    }
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new ConfigException(
          "PRIVACYPAL_REKOGNITION_MAX_ATTEMPTS must be between 1 and 20, got " + maxAttempts);
    }
    if (jpegQuality < 1 || jpegQuality > 100) {
      throw new ConfigException(
          "PRIVACYPAL_REKOGNITION_JPEG_QUALITY must be between 1 and 100, got " + jpegQuality);
    }
    if (!(minConfidence >= 0 && minConfidence <= 100)) {
      throw new ConfigException(
          "PRIVACYPAL_REKOGNITION_MIN_CONFIDENCE must be between 0 and 100, got " + minConfidence);
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new ConfigException(
          "PRIVACYPAL_REKOGNITION_CONCURRENCY must be between 1 and "
              + MAX_CONCURRENCY
              + ", got "
              + concurrency);
    }
  }

  /** With the default concurrency. */
  public RekognitionSettings(
      double maxTransactionsPerSecond, int maxAttempts, int jpegQuality, double minConfidence) {
    this(maxTransactionsPerSecond, maxAttempts, jpegQuality, minConfidence, DEFAULT_CONCURRENCY);
  }

  public static RekognitionSettings defaults() {
    return new RekognitionSettings(
        DEFAULT_TPS, DEFAULT_MAX_ATTEMPTS, DEFAULT_JPEG_QUALITY, DEFAULT_MIN_CONFIDENCE);
  }

  public static RekognitionSettings from(ConfigSource config) {
    return new RekognitionSettings(
        config.getDouble("PRIVACYPAL_REKOGNITION_TPS", DEFAULT_TPS),
        config.getInt("PRIVACYPAL_REKOGNITION_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS),
        config.getInt("PRIVACYPAL_REKOGNITION_JPEG_QUALITY", DEFAULT_JPEG_QUALITY),
        config.getDouble("PRIVACYPAL_REKOGNITION_MIN_CONFIDENCE", DEFAULT_MIN_CONFIDENCE),
        config.getInt("PRIVACYPAL_REKOGNITION_CONCURRENCY", DEFAULT_CONCURRENCY));
  }
}
