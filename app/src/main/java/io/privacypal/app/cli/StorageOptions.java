package io.privacypal.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where videos, outputs and statuses live: DirectoryStorageSettings, or S3StorageSettings with a
 * bucket.
 */
final class StorageOptions {
  @Option(
      names = "--video-directory",
      paramLabel = "DIR",
      description = "inputs; names are relative to it (default ./videos)")
  Path videoDirectory;

  @Option(
      names = "--output-directory",
      paramLabel = "DIR",
      description = "outputs (default <video dir>/processed)")
  Path outputDirectory;

  @Option(
      names = "--status-directory",
      paramLabel = "DIR",
      description = "one JSON status file per job (default <video dir>/.privacypal)")
  Path statusDirectory;

  @Option(
      names = "--s3-bucket",
      paramLabel = "BUCKET",
      description = "keep videos, outputs and statuses in this S3 bucket instead of on disk")
  String s3Bucket;

  @Option(
      names = "--s3-input-prefix",
      paramLabel = "PREFIX",
      description = "S3: inputs live under it (default empty)")
  String s3InputPrefix;

  @Option(
      names = "--s3-output-prefix",
      paramLabel = "PREFIX",
      description = "S3: outputs (default processed/)")
  String s3OutputPrefix;

  @Option(
      names = "--s3-status-prefix",
      paramLabel = "PREFIX",
      description = "S3: job statuses (default jobs/)")
  String s3StatusPrefix;

  @Option(
      names = "--s3-temp-directory",
      paramLabel = "DIR",
      description = "S3: local copies while a job runs (default <tmp>/privacypal)")
  Path s3TempDirectory;

  @Option(
      names = "--s3-max-input-bytes",
      paramLabel = "BYTES",
      description = "S3: larger inputs are refused before download (default 4 GiB)")
  Long s3MaxInputBytes;

  @Option(
      names = "--s3-part-size-bytes",
      paramLabel = "BYTES",
      description = "S3: multipart upload part size (default 16 MiB, at least 5 MiB)")
  Long s3PartSizeBytes;
}
