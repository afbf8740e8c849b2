package io.privacypal.common.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where videos, outputs and job statuses live when they are kept in S3.
 *
 * @param bucket PRIVACYPAL_S3_BUCKET (required)
 * @param inputPrefix PRIVACYPAL_S3_INPUT_PREFIX, default empty: plain names are keys under it, and
 *     {@code s3://} names must stay under it
 * @param outputPrefix PRIVACYPAL_S3_OUTPUT_PREFIX, default {@code processed/}
 * @param statusPrefix PRIVACYPAL_S3_STATUS_PREFIX, default {@code jobs/}
 * @param tempDirectory PRIVACYPAL_S3_TEMP_DIRECTORY, default {@code <java.io.tmpdir>/privacypal}:
 *     local copies of inputs and outputs while a job runs
 * @param maxInputBytes PRIVACYPAL_S3_MAX_INPUT_BYTES, default 4 GiB: larger inputs are refused
 *     before anything is downloaded, so one upload cannot fill the worker's disk
 * @param partSizeBytes PRIVACYPAL_S3_PART_SIZE_BYTES, default 16 MiB, at least 5 MiB (the S3
 *     minimum): outputs larger than one part go up as a multipart upload
 */
public record S3StorageSettings(
    String bucket,
    String inputPrefix,
    String outputPrefix,
    String statusPrefix,
    Path tempDirectory,
    long maxInputBytes,
    long partSizeBytes) {
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  public static final long DEFAULT_MAX_INPUT_BYTES = 4L * 1024 * 1024 * 1024;
  public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

  public S3StorageSettings {
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank()) {
      throw new ConfigException("PRIVACYPAL_S3_BUCKET must name a bucket");
    }
    inputPrefix = directoryPrefix(inputPrefix);
    outputPrefix = directoryPrefix(outputPrefix);
    statusPrefix = directoryPrefix(statusPrefix);
    if (statusPrefix.isEmpty()) {
      throw new ConfigException("PRIVACYPAL_S3_STATUS_PREFIX must not be empty");
    }
    tempDirectory = tempDirectory.toAbsolutePath().normalize();
    if (maxInputBytes <= 0) {
      throw new ConfigException("PRIVACYPAL_S3_MAX_INPUT_BYTES must be positive");
    }
    if (partSizeBytes < MIN_PART_SIZE) {
      throw new ConfigException("PRIVACYPAL_S3_PART_SIZE_BYTES must be at least " + MIN_PART_SIZE);
    }
  }

  public static S3StorageSettings from(ConfigSource config) {
    return new S3StorageSettings(
        config
            .get("PRIVACYPAL_S3_BUCKET")
            .orElseThrow(() -> new ConfigException("PRIVACYPAL_S3_BUCKET is not set")),
        config.get("PRIVACYPAL_S3_INPUT_PREFIX", ""),
        config.get("PRIVACYPAL_S3_OUTPUT_PREFIX", "processed/"),
        config.get("PRIVACYPAL_S3_STATUS_PREFIX", "jobs/"),
        config.getPath(
            "PRIVACYPAL_S3_TEMP_DIRECTORY",
            Path.of(System.getProperty("java.io.tmpdir"), "privacypal")),
        getLong(config, "PRIVACYPAL_S3_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES),
        getLong(config, "PRIVACYPAL_S3_PART_SIZE_BYTES", DEFAULT_PART_SIZE));
  }

  /** {@code videos} and {@code /videos/} both become {@code videos/}; empty stays empty. */
  static String directoryPrefix(String prefix) {
    String trimmed = prefix == null ? "" : prefix.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.isEmpty()) {
      return "";
    }
    return trimmed.endsWith("/") ? trimmed : trimmed + "/";
  }

  private static long getLong(ConfigSource config, String name, long defaultValue) {
    String text = config.get(name).orElse(null);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, got '" + text + "'");
    }
  }
}
