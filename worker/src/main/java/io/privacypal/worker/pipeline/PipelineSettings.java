package io.privacypal.worker.pipeline;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.video.FfmpegTools;
import io.privacypal.worker.video.FrameWriter;
import java.nio.file.Path;
import java.util.Set;

/** How the pipeline runs ffmpeg and what it accepts; one instance per worker process. */
public record PipelineSettings(
    Path ffmpeg, Path ffprobe, int maxWidth, int maxHeight, String x264Preset, int x264Crf) {
  public static final int DEFAULT_MAX_WIDTH = 3840;
  public static final int DEFAULT_MAX_HEIGHT = 2160;
  public static final String DEFAULT_PRESET = "veryfast";
  public static final int DEFAULT_CRF = 20;
  private static final Set<String> PRESETS =
      Set.of(
          "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
          "veryslow", "placebo");

  public PipelineSettings {
    if (maxWidth <= 0 || maxHeight <= 0) {
      throw new ConfigException("the maximum video size must be positive");
    }
    if (!PRESETS.contains(x264Preset)) {
      throw new ConfigException("x264 preset must be one of " + PRESETS + ", got " + x264Preset);
    }
    if (x264Crf < 0 || x264Crf > 51) {
      throw new ConfigException("x264 crf must be between 0 and 51, got " + x264Crf);
    }
  }

  /**
   * Reads {@code PRIVACYPAL_FFMPEG}, {@code PRIVACYPAL_FFPROBE} (else the PATH), {@code
   * PRIVACYPAL_MAX_WIDTH}, {@code PRIVACYPAL_MAX_HEIGHT}, {@code PRIVACYPAL_X264_PRESET}, {@code
   * PRIVACYPAL_X264_CRF}.
   *
   * @throws ConfigException a value is wrong or ffmpeg is missing (the message says how to install)
   */
  public static PipelineSettings from(ConfigSource config) {
    FfmpegTools tools =
        FfmpegTools.locate(config.get(FfmpegTools.FFMPEG_ENV), config.get(FfmpegTools.FFPROBE_ENV));
    return new PipelineSettings(
        tools.ffmpeg(),
        tools.ffprobe(),
        config.getInt("PRIVACYPAL_MAX_WIDTH", DEFAULT_MAX_WIDTH),
        config.getInt("PRIVACYPAL_MAX_HEIGHT", DEFAULT_MAX_HEIGHT),
        config.get("PRIVACYPAL_X264_PRESET", DEFAULT_PRESET),
        config.getInt("PRIVACYPAL_X264_CRF", DEFAULT_CRF));
  }

  public PipelineSettings withMaxSize(int width, int height) {
    return new PipelineSettings(ffmpeg, ffprobe, width, height, x264Preset, x264Crf);
  }

  FfmpegTools tools() {
    return new FfmpegTools(ffmpeg, ffprobe);
  }

  FrameWriter.Encoding encoding() {
    return new FrameWriter.Encoding(x264Preset, x264Crf);
  }
}
