package io.privacypal.worker.pipeline;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.video.FfmpegTools;
import io.privacypal.worker.video.FrameWriter;
import io.privacypal.worker.video.InputLimits;
import java.nio.file.Path;
import java.util.Set;

/**
 * How the pipeline runs ffmpeg, what it accepts and how much frame memory one job may hold; one
 * instance per worker process.
 */
public record PipelineSettings(
    Path ffmpeg,
    Path ffprobe,
    InputLimits limits,
    long frameMemoryBytes,
    String x264Preset,
    int x264Crf) {
  public static final int DEFAULT_MAX_WIDTH = InputLimits.DEFAULT_MAX_WIDTH;
  public static final int DEFAULT_MAX_HEIGHT = InputLimits.DEFAULT_MAX_HEIGHT;
  public static final int DEFAULT_FRAME_MEMORY_MB = 1024;
  public static final String DEFAULT_PRESET = "veryfast";
  public static final int DEFAULT_CRF = 20;
  private static final long MB = 1 << 20;
  private static final Set<String> PRESETS =
      Set.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow",
          "placebo");

  public PipelineSettings {
    if (frameMemoryBytes < 16 * MB) {
      throw new ConfigException("the frame memory per job must be at least 16 MB");
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
   * PRIVACYPAL_MAX_WIDTH}, {@code PRIVACYPAL_MAX_HEIGHT}, {@code PRIVACYPAL_MAX_DURATION_SECONDS},
   * {@code PRIVACYPAL_MAX_FRAMES}, {@code PRIVACYPAL_MAX_FRAME_RATE}, {@code
   * PRIVACYPAL_FRAME_MEMORY_MB}, {@code PRIVACYPAL_X264_PRESET}, {@code PRIVACYPAL_X264_CRF}.
   *
   * @throws ConfigException a value is wrong or ffmpeg is missing (the message says how to install)
   */
  public static PipelineSettings from(ConfigSource config) {
    FfmpegTools tools =
        FfmpegTools.locate(config.get(FfmpegTools.FFMPEG_ENV), config.get(FfmpegTools.FFPROBE_ENV));
    InputLimits limits =
        new InputLimits(
            config.getInt("PRIVACYPAL_MAX_WIDTH", DEFAULT_MAX_WIDTH),
            config.getInt("PRIVACYPAL_MAX_HEIGHT", DEFAULT_MAX_HEIGHT),
            config.getDouble(
                "PRIVACYPAL_MAX_DURATION_SECONDS", InputLimits.DEFAULT_MAX_DURATION_SECONDS),
            config.getInt("PRIVACYPAL_MAX_FRAMES", (int) InputLimits.DEFAULT_MAX_FRAMES),
            config.getDouble("PRIVACYPAL_MAX_FRAME_RATE", InputLimits.DEFAULT_MAX_FRAME_RATE));
    return new PipelineSettings(
        tools.ffmpeg(),
        tools.ffprobe(),
        limits,
        config.getInt("PRIVACYPAL_FRAME_MEMORY_MB", DEFAULT_FRAME_MEMORY_MB) * MB,
        config.get("PRIVACYPAL_X264_PRESET", DEFAULT_PRESET),
        config.getInt("PRIVACYPAL_X264_CRF", DEFAULT_CRF));
  }

  public int maxWidth() {
    return limits.maxWidth();
  }

  public int maxHeight() {
    return limits.maxHeight();
  }

  public PipelineSettings withMaxSize(int width, int height) {
    return withLimits(limits.withMaxSize(width, height));
  }

  public PipelineSettings withLimits(InputLimits newLimits) {
    return new PipelineSettings(ffmpeg, ffprobe, newLimits, frameMemoryBytes, x264Preset, x264Crf);
  }

  public PipelineSettings withFrameMemory(long bytes) {
    return new PipelineSettings(ffmpeg, ffprobe, limits, bytes, x264Preset, x264Crf);
  }

  public FfmpegTools tools() {
    return new FfmpegTools(ffmpeg, ffprobe);
  }

  FrameWriter.Encoding encoding() {
    return new FrameWriter.Encoding(x264Preset, x264Crf);
  }
}
