package io.privacypal.worker.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a file's streams with ffprobe and refuses what the pipeline cannot process. */
public final class VideoProbe {
  private static final long PROBE_TIMEOUT_SECONDS = 60;

  private final FfmpegTools tools;
  private final int maxWidth;
  private final int maxHeight;

  public VideoProbe(FfmpegTools tools, int maxWidth, int maxHeight) {
    this.tools = tools;
    this.maxWidth = maxWidth;
    this.maxHeight = maxHeight;
  }

  /**
   * @throws InvalidVideoException not a readable video, no video stream, no frames, or too large
   * @throws IOException ffprobe itself could not run
   */
  public VideoInfo probe(Path input) throws InvalidVideoException, IOException, InterruptedException {
    if (!Files.isRegularFile(input)) {
      throw new InvalidVideoException("input file not found: " + input.getFileName());
    }
    if (Files.size(input) == 0) {
      throw new InvalidVideoException("input file is empty");
    }
    VideoInfo info = parse(runFfprobe(input));
    if (info.width() > maxWidth || info.height() > maxHeight) {
      throw new InvalidVideoException(
          "resolution "
              + info.width()
              + "x"
              + info.height()
              + " is over the limit of "
              + maxWidth
              + "x"
              + maxHeight);
    }
    return info;
  }

  private JsonNode runFfprobe(Path input) throws IOException, InterruptedException, InvalidVideoException {
    List<String> command =
        List.of(
            tools.ffprobe().toString(),
            "-v", "error",
            "-print_format", "json",
            "-show_streams",
            "-show_format",
            input.toString());
    try (FfmpegProcess ffprobe = FfmpegProcess.start(command, "ffprobe")) {
      byte[] out = ffprobe.process().getInputStream().readAllBytes();
      int exit = ffprobe.waitFor(PROBE_TIMEOUT_SECONDS);
      if (exit != 0) {
        throw new InvalidVideoException(
            "not a readable video file (ffprobe: " + firstLine(ffprobe.stderrTail()) + ")");
      }
      return Json.mapper().readTree(out);
    }
  }

  /** Reads ffprobe's JSON ({@code -show_streams -show_format}); refuses what has no frames. */
  static VideoInfo parse(JsonNode root) throws InvalidVideoException {
    JsonNode video = firstStream(root, "video");
    if (video == null) {
      throw new InvalidVideoException("the file has no video stream (audio only or not a video)");
    }
    return describe(video, firstStream(root, "audio"), root.path("format"));
  }

  private static JsonNode firstStream(JsonNode root, String type) {
    for (JsonNode stream : root.path("streams")) {
      if (type.equals(stream.path("codec_type").asText())
          && stream.path("disposition").path("attached_pic").asInt(0) == 0) {
        return stream;
      }
    }
    return null;
  }

  private static VideoInfo describe(JsonNode video, JsonNode audio, JsonNode format)
      throws InvalidVideoException {
    int codedWidth = video.path("width").asInt(0);
    int codedHeight = video.path("height").asInt(0);
    if (codedWidth <= 0 || codedHeight <= 0) {
      throw new InvalidVideoException("the video stream has no frame size (no decodable frames)");
    }
    int rotation = rotation(video);
    boolean sideways = Math.abs(rotation) % 180 == 90;
    double average = rate(video.path("avg_frame_rate").asText());
    double nominal = rate(video.path("r_frame_rate").asText());
    double frameRate = average > 0 ? average : nominal;
    String fraction =
        average > 0 ? video.path("avg_frame_rate").asText() : video.path("r_frame_rate").asText();
    if (!(frameRate > 0) || frameRate > 1000) {
      throw new InvalidVideoException("the video stream has no usable frame rate");
    }
    double duration = number(video.path("duration"), number(format.path("duration"), 0));
    long frames = (long) number(video.path("nb_frames"), -1);
    if (frames < 0) {
      frames = Math.round(duration * frameRate);
    }
    if (frames == 0 || duration <= 0 && frames <= 0) {
      throw new InvalidVideoException("the video stream has no frames");
    }
    boolean variable = average > 0 && nominal > 0 && Math.abs(average - nominal) / nominal > 0.01;
    return new VideoInfo(
        sideways ? codedHeight : codedWidth,
        sideways ? codedWidth : codedHeight,
        frameRate,
        fraction,
        frames,
        duration,
        audio != null,
        audio == null ? null : audio.path("codec_name").asText(null),
        rotation,
        variable);
  }

  private static int rotation(JsonNode video) {
    for (JsonNode side : video.path("side_data_list")) {
      if (side.has("rotation")) {
        return side.path("rotation").asInt();
      }
    }
    return (int) number(video.path("tags").path("rotate"), 0);
  }

  /** ffprobe writes rates as fractions ("30000/1001"); "0/0" means unknown. */
  static double rate(String fraction) {
    if (fraction == null || fraction.isBlank()) {
      return 0;
    }
    int slash = fraction.indexOf('/');
    try {
      if (slash < 0) {
        return Double.parseDouble(fraction);
      }
      double num = Double.parseDouble(fraction.substring(0, slash));
      double den = Double.parseDouble(fraction.substring(slash + 1));
      return den == 0 ? 0 : num / den;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static double number(JsonNode node, double fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    try {
      return Double.parseDouble(node.asText());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
    return line.isEmpty() ? "no details" : line;
  }
}
