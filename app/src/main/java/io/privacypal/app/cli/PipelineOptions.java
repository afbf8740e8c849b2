package io.privacypal.app.cli;

import io.privacypal.worker.pipeline.PipelineSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the pipeline runs ffmpeg and what it accepts (PipelineSettings). */
final class PipelineOptions {
  @Option(
      names = "--ffmpeg",
      paramLabel = "FILE",
      description = "the ffmpeg binary (default from PATH)")
  Path ffmpeg;

  @Option(
      names = "--ffprobe",
      paramLabel = "FILE",
      description = "the ffprobe binary (default from PATH)")
  Path ffprobe;

  @Option(
      names = "--max-width",
      paramLabel = "PIXELS",
      description =
          "wider inputs fail at once (default " + PipelineSettings.DEFAULT_MAX_WIDTH + ")")
  Integer maxWidth;

  @Option(
      names = "--max-height",
      paramLabel = "PIXELS",
      description =
          "taller inputs fail at once (default " + PipelineSettings.DEFAULT_MAX_HEIGHT + ")")
  Integer maxHeight;

  @Option(
      names = "--max-duration-seconds",
      paramLabel = "SECONDS",
      description = "longer inputs fail at once (default 18000)")
  Double maxDurationSeconds;

  @Option(
      names = "--max-frames",
      paramLabel = "N",
      description = "inputs with more frames fail (default 1000000)")
  Integer maxFrames;

  @Option(
      names = "--max-frame-rate",
      paramLabel = "FPS",
      description = "faster inputs fail at once (default 240)")
  Double maxFrameRate;

  @Option(
      names = "--frame-memory-mb",
      paramLabel = "MB",
      description =
          "decoded frames one job may hold (default "
              + PipelineSettings.DEFAULT_FRAME_MEMORY_MB
              + ")")
  Integer frameMemoryMb;

  @Option(
      names = "--x264-preset",
      paramLabel = "PRESET",
      description = "output encoding speed (default " + PipelineSettings.DEFAULT_PRESET + ")")
  String x264Preset;

  @Option(
      names = "--x264-crf",
      paramLabel = "CRF",
      description = "output quality, 0-51 (default " + PipelineSettings.DEFAULT_CRF + ")")
  Integer x264Crf;
}
