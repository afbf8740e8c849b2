package io.privacypal.worker.video;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Reads a file's streams with ffprobe and refuses what the pipeline cannot process. */
public final class VideoProbe {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

  /** A normal answer is a few kilobytes; this much means a file built to flood us. */
  private static final long MAX_ANSWER_BYTES = 8 << 20;

  private static final Set<String> NO_COLOUR = Set.of("unknown", "reserved", "unspecified", "gbr");

  private final FfmpegTools tools;
  private final InputLimits limits;
  private final Duration timeout;

  public VideoProbe(FfmpegTools tools, int maxWidth, int maxHeight) {
    this(tools, InputLimits.DEFAULTS.withMaxSize(maxWidth, maxHeight));
  }

  public VideoProbe(FfmpegTools tools, InputLimits limits) {
    this(tools, limits, PROBE_TIMEOUT);
  }

  VideoProbe(FfmpegTools tools, InputLimits limits, Duration timeout) {
    this.tools = tools;
    this.limits = limits;
    this.timeout = timeout;
  }

  public VideoInfo probe(Path input)
      throws InvalidVideoException, IOException, InterruptedException {
    return probe(input, stop -> {});
  }

  /**
   * @param onCancel takes what stops ffprobe at once, to run when the job is cancelled
   * @throws InvalidVideoException not a supported or readable video, no video stream, no frames, or
   *     over a limit
   * @throws IOException ffprobe itself could not run, or did not answer in time
   */
  public VideoInfo probe(Path input, Consumer<Runnable> onCancel)
      throws InvalidVideoException, IOException, InterruptedException {
    if (!Files.isRegularFile(input)) {
      throw new InvalidVideoException("input file not found: " + input.getFileName());
    }
    if (Files.size(input) == 0) {
      throw new InvalidVideoException("input file is empty");
    }
    VideoInfo info = parse(runFfprobe(input, onCancel));
    Optional<String> refusal = limits.refusal(info);
    if (refusal.isPresent()) {
      throw new InvalidVideoException(refusal.get());
    }
    return info;
  }

  private JsonNode runFfprobe(Path input, Consumer<Runnable> onCancel)
      throws IOException, InterruptedException, InvalidVideoException {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(tools.ffprobe().toString(), "-v", "error", "-print_format", "json"));
    command.addAll(List.of("-show_streams", "-show_format"));
    command.addAll(InputAllowlist.probeInput(input));
    // The answer goes to a file, not a pipe: reading a pipe to its end would wait for ffprobe
    // however long it takes, and the time limit would never fire.
    Path answer = Files.createTempFile("privacypal-probe", ".json");
    try (FfmpegProcess ffprobe = FfmpegProcess.start(command, "ffprobe", answer)) {
      onCancel.accept(ffprobe::kill);
      int exit = ffprobe.waitFor(timeout.toSeconds());
      if (exit != 0) {
        String stderr = ffprobe.stderrTail();
        if (InputAllowlist.refused(stderr)) {
          throw new InvalidVideoException(
              "not a supported video: the container is not "
                  + InputAllowlist.SUPPORTED
                  + " (playlists, manifests and lists of files are refused)");
        }
        throw new InvalidVideoException(
            "not a readable video file (ffprobe: " + firstLine(stderr) + ")");
      }
      if (Files.size(answer) > MAX_ANSWER_BYTES) {
        throw new InvalidVideoException("not a supported video: it describes too many streams");
      }
      return Json.mapper().readTree(answer.toFile());
    } finally {
      Files.deleteIfExists(answer);
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
    if (!(frameRate > 0)) {
      throw new InvalidVideoException("the video stream has no usable frame rate");
    }
    double duration =
        number(
            video.path("duration"),
            clock(
                video.path("tags").path("DURATION").asText(null),
                number(format.path("duration"), 0)));
    long counted = (long) number(video.path("nb_frames"), -1);
    long timed = Math.round(duration * frameRate);
    // An MP4 trimmed without re-encoding keeps the frames before its edit list's start in its
    // sample count, and the decoder drops them: then the (shorter) edited duration is the truth.
    boolean edited = counted >= 0 && timed > 0 && timed < counted - Math.max(2, counted / 200);
    boolean fromIndex = counted >= 0 && !edited;
    long frames = fromIndex ? counted : timed;
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
        variable,
        fromIndex,
        colour(video));
  }

  /**
   * The colour description the decoder keeps. RGB ("gbr") is not kept: the decoder converts it to
   * YUV, so that matrix no longer applies.
   */
  private static VideoInfo.Colour colour(JsonNode video) {
    return new VideoInfo.Colour(
        colourName(video.path("color_primaries")),
        colourName(video.path("color_transfer")),
        colourName(video.path("color_space")));
  }

  private static String colourName(JsonNode node) {
    String name = node.asText("");
    return name.matches("[a-z0-9_-]{1,24}") && !NO_COLOUR.contains(name) ? name : null;
  }

  /** Matroska's per-stream "DURATION" tag ("00:00:10.000000000"); {@code fallback} otherwise. */
  static double clock(String text, double fallback) {
    if (text == null || !text.matches("\\d+:\\d{2}:\\d{2}(\\.\\d+)?")) {
      return fallback;
    }
    String[] parts = text.split(":");
    return Integer.parseInt(parts[0]) * 3600
        + Integer.parseInt(parts[1]) * 60
        + Double.parseDouble(parts[2]);
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
