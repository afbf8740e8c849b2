package io.privacypal.app.cli;

import io.privacypal.worker.pipeline.PipelineSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the pipeline runs ffmpeg and what it accepts (PipelineSettings). */
final class PipelineOptions {
  @Option(names = "--ffmpeg", paramLabel = "FILE", description = "the ffmpeg binary (default from PATH)")
  Path ffmpeg;

  @Option(names = "--ffprobe", paramLabel = "FILE", description = "the ffprobe binary (default from PATH)")
  Path ffprobe;

  @Option(names = "--max-width", paramLabel = "PIXELS", description = "wider inputs fail at once (default " + PipelineSettings.DEFAULT_MAX_WIDTH + ")")
  Integer maxWidth;

  @Option(names = "--max-height", paramLabel = "PIXELS", description = "taller inputs fail at once (default " + PipelineSettings.DEFAULT_MAX_HEIGHT + ")")
  Integer maxHeight;

  @Option(names = "--x264-preset", paramLabel = "PRESET", description = "output encoding speed (default " + PipelineSettings.DEFAULT_PRESET + ")")
  String x264Preset;

  @Option(names = "--x264-crf", paramLabel = "CRF", description = "output quality, 0-51 (default " + PipelineSettings.DEFAULT_CRF + ")")
  Integer x264Crf;
}
