package io.privacypal.worker.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Small test videos made with ffmpeg from photos of people, 640x360 at 25 fps, 3 s, with a sine
 * audio track unless asked otherwise. Each knows where its photo is in every frame, so a test can
 * tell where the faces are without trusting the detector under test.
 */
public final class TestVideos {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 360;
  public static final int FPS = 25;
  public static final int FRAMES = 75;

  /** The photo is scaled to this size and laid over a flat background. */
  public static final int PHOTO_WIDTH = 400;

  public static final int PHOTO_HEIGHT = 264;
  private static final int PHOTO_Y = 48;
  private static final String BACKGROUND = "0x305070";
  private static final String SECOND_BACKGROUND = "0x807040";

  private TestVideos() {}

  /** Where photo number {@code photo} (an index into the clip's photos) lies in a frame. */
  public record Placement(int photo, int x, int y) {}

  /** A generated clip and, per frame, where its photos are, the top one last (none when empty). */
  public record TestVideo(
      Path file, List<Path> photos, List<List<Placement>> placements, int width, int height) {
    TestVideo(Path file, List<Path> photos, List<List<Placement>> placements) {
      this(file, photos, placements, WIDTH, HEIGHT);
    }

    public int frames() {
      return placements.size();
    }
  }

  /** The photo standing still in the middle. */
  public static TestVideo still(Path dir, Path photo, boolean audio) throws IOException {
    int x = (WIDTH - PHOTO_WIDTH) / 2 & ~1;
    return single(
        dir.resolve("still.mp4"),
        photo,
        Integer.toString(x),
        "1",
        n -> Optional.of(new Placement(0, x, PHOTO_Y)),
        audio);
  }

  /** The photo moving left to right at 70 px/s, so every face moves. */
  public static TestVideo panning(Path dir, Path photo, boolean audio) throws IOException {
    return single(
        dir.resolve("panning.mp4"),
        photo,
        "8+2*trunc(n*7/5)",
        "1",
        n -> Optional.of(new Placement(0, 8 + 2 * (n * 7 / 5), PHOTO_Y)),
        audio);
  }

  /** The photo sliding out through the right edge at 150 px/s: gone by the last frame. */
  public static TestVideo faceLeaves(Path dir, Path photo, boolean audio) throws IOException {
    return single(
        dir.resolve("leaves.mp4"),
        photo,
        "200+6*n",
        "1",
        n -> Optional.of(new Placement(0, 200 + 6 * n, PHOTO_Y)),
        audio);
  }

  /** A flat background until frame {@code fromFrame}, then the photo appears at once. */
  public static TestVideo faceEnters(Path dir, Path photo, int fromFrame, boolean audio)
      throws IOException {
    int x = 200;
    return single(
        dir.resolve("enters.mp4"),
        photo,
        Integer.toString(x),
        "gte(n," + fromFrame + ")",
        n -> n >= fromFrame ? Optional.of(new Placement(0, x, PHOTO_Y)) : Optional.empty(),
        audio);
  }

  /**
   * Two photos passing each other back and forth at 300 px/s: the first along the top, the second,
   * drawn over it, 48 px lower, so their faces cross at nearly the same height, twice a second.
   */
  public static TestVideo crossing(Path dir, Path first, Path second, boolean audio)
      throws IOException {
    Path out = dir.resolve("crossing.mp4");
    int lowerY = 48;
    List<String> args = new ArrayList<>();
    args.addAll(background(BACKGROUND));
    args.addAll(photoInput(first));
    args.addAll(photoInput(second));
    String travelled = "(240-abs(240-mod(12*n,480)))";
    String filter =
        "[1]"
            + scalePhoto()
            + "[pa];[2]"
            + scalePhoto()
            + "[pb];"
            + "[0][pa]overlay=x='"
            + travelled
            + "':y=0:eval=frame:shortest=1[a];"
            + "[a][pb]overlay=x='240-"
            + travelled
            + "':y="
            + lowerY
            + ":eval=frame:shortest=1[v]";
    encode(out, args, filter, audio, 3);
    List<List<Placement>> placements = new ArrayList<>();
    for (int n = 0; n < FRAMES; n++) {
      int x = 240 - Math.abs(240 - 12 * n % 480);
      placements.add(List.of(new Placement(0, x, 0), new Placement(1, 240 - x, lowerY)));
    }
    return new TestVideo(out, List.of(first, second), placements);
  }

  /** A hard cut at {@code cutFrame}: another photo on another background. */
  public static TestVideo sceneCut(Path dir, Path first, Path second, int cutFrame, boolean audio)
      throws IOException {
    Path out = dir.resolve("cut.mp4");
    int x1 = 40;
    int x2 = 200;
    List<String> args = new ArrayList<>();
    args.addAll(background(BACKGROUND));
    args.addAll(photoInput(first));
    args.addAll(background(SECOND_BACKGROUND));
    args.addAll(photoInput(second));
    String filter =
        "[1]"
            + scalePhoto()
            + "[pa];[3]"
            + scalePhoto()
            + "[pb];"
            + "[0][pa]overlay=x="
            + x1
            + ":y="
            + PHOTO_Y
            + ":shortest=1[a];"
            + "[2][pb]overlay=x="
            + x2
            + ":y="
            + PHOTO_Y
            + ":shortest=1[b];"
            + "[a][b]overlay=x=0:y=0:enable='gte(n,"
            + cutFrame
            + ")'[v]";
    encode(out, args, filter, audio, 4);
    List<List<Placement>> placements = new ArrayList<>();
    for (int n = 0; n < FRAMES; n++) {
      placements.add(
          List.of(n < cutFrame ? new Placement(0, x1, PHOTO_Y) : new Placement(1, x2, PHOTO_Y)));
    }
    return new TestVideo(out, List.of(first, second), placements);
  }

  /**
   * The first photo walking right at {@code speed} px a frame until a hard cut at {@code cutFrame},
   * then the second, on another background, walking left at the same speed.
   */
  public static TestVideo walkingIntoCut(Path dir, Path first, Path second, int cutFrame, int speed)
      throws IOException {
    Path out = dir.resolve("walking-cut.mp4");
    int x2 = WIDTH - PHOTO_WIDTH;
    List<String> args = new ArrayList<>();
    args.addAll(background(BACKGROUND, WIDTH, HEIGHT));
    args.addAll(photoInput(first));
    args.addAll(background(SECOND_BACKGROUND, WIDTH, HEIGHT));
    args.addAll(photoInput(second));
    String filter =
        "[1]"
            + scalePhoto()
            + "[pa];[3]"
            + scalePhoto()
            + "[pb];"
            + "[0][pa]overlay=x='"
            + speed
            + "*n':y="
            + PHOTO_Y
            + ":eval=frame:shortest=1[a];"
            + "[2][pb]overlay=x='"
            + x2
            + "-"
            + speed
            + "*(n-"
            + cutFrame
            + ")':y="
            + PHOTO_Y
            + ":eval=frame:shortest=1[b];"
            + "[a][b]overlay=x=0:y=0:enable='gte(n,"
            + cutFrame
            + ")'[v]";
    encode(out, args, filter, false, 0, FRAMES);
    List<List<Placement>> placements = new ArrayList<>();
    for (int n = 0; n < FRAMES; n++) {
      placements.add(
          List.of(
              n < cutFrame
                  ? new Placement(0, speed * n, PHOTO_Y)
                  : new Placement(1, x2 - speed * (n - cutFrame), PHOTO_Y)));
    }
    return new TestVideo(out, List.of(first, second), placements);
  }

  /**
   * A {@code width}x{@code height} clip of {@code frames} frames: the photo moving {@code speed} px
   * a frame sideways from {@code startX} (negative: to the left), out through an edge.
   */
  public static TestVideo fastExit(
      Path dir, Path photo, int width, int height, int startX, int speed, int frames)
      throws IOException {
    Path out = dir.resolve("exit-" + width + "-" + speed + ".mp4");
    int y = (height - PHOTO_HEIGHT) / 2 & ~1;
    List<String> args = new ArrayList<>();
    args.addAll(background(BACKGROUND, width, height));
    args.addAll(photoInput(photo));
    String filter =
        "[1]"
            + scalePhoto()
            + "[p];[0][p]overlay=x='"
            + startX
            + "+("
            + speed
            + ")*n':y="
            + y
            + ":eval=frame:shortest=1[v]";
    encode(out, args, filter, false, 0, frames);
    List<List<Placement>> placements = new ArrayList<>();
    for (int n = 0; n < frames; n++) {
      placements.add(List.of(new Placement(0, startX + speed * n, y)));
    }
    return new TestVideo(out, List.of(photo), placements, width, height);
  }

  private static TestVideo single(
      Path out,
      Path photo,
      String xExpression,
      String enable,
      IntFunction<Optional<Placement>> where,
      boolean audio)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.addAll(background(BACKGROUND));
    args.addAll(photoInput(photo));
    String filter =
        "[1]"
            + scalePhoto()
            + "[p];[0][p]overlay=x='"
            + xExpression
            + "':y="
            + PHOTO_Y
            + ":eval=frame:enable='"
            + enable
            + "':shortest=1[v]";
    encode(out, args, filter, audio, 2);
    List<List<Placement>> placements = new ArrayList<>();
    for (int n = 0; n < FRAMES; n++) {
      placements.add(where.apply(n).map(List::of).orElse(List.of()));
    }
    return new TestVideo(out, List.of(photo), placements);
  }

  private static List<String> background(String colour) {
    return background(colour, WIDTH, HEIGHT);
  }

  private static List<String> background(String colour, int width, int height) {
    return List.of(
        "-f", "lavfi", "-i", "color=c=" + colour + ":s=" + width + "x" + height + ":r=" + FPS);
  }

  private static List<String> photoInput(Path photo) {
    return List.of("-loop", "1", "-framerate", Integer.toString(FPS), "-i", photo.toString());
  }

  private static String scalePhoto() {
    return "scale=" + PHOTO_WIDTH + ":" + PHOTO_HEIGHT + ",setsar=1,format=yuv420p";
  }

  private static void encode(
      Path out, List<String> inputs, String filter, boolean audio, int audioInput)
      throws IOException {
    encode(out, inputs, filter, audio, audioInput, FRAMES);
  }

  private static void encode(
      Path out, List<String> inputs, String filter, boolean audio, int audioInput, int frames)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("-y"));
    args.addAll(inputs);
    if (audio) {
      args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=3"));
    }
    args.addAll(List.of("-filter_complex", filter, "-map", "[v]"));
    if (audio) {
      args.addAll(List.of("-map", audioInput + ":a", "-c:a", "aac", "-b:a", "96k"));
    }
    args.addAll(
        List.of(
            "-frames:v",
            Integer.toString(frames),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "14",
            "-pix_fmt",
            "yuv420p",
            "-r",
            Integer.toString(FPS),
            out.toString()));
    RawFrames.ffmpeg(args.toArray(String[]::new));
  }

  /**
   * {@code frames} frames of the photo swinging right and back, 2 px a frame between x=0 and x=200,
   * with a tone as long as the video: a clip long enough to split whose faces cross every boundary.
   */
  public static TestVideo swinging(Path dir, Path photo, int frames) throws IOException {
    Path out = dir.resolve("swinging-" + frames + ".mp4");
    List<String> args = new ArrayList<>(List.of("-y"));
    args.addAll(background(BACKGROUND));
    args.addAll(photoInput(photo));
    args.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=44100:duration=" + (double) frames / FPS));
    String filter =
        "[1]"
            + scalePhoto()
            + "[p];[0][p]overlay=x='200-2*abs(mod(n,200)-100)':y="
            + PHOTO_Y
            + ":eval=frame:shortest=1[v]";
    args.addAll(List.of("-filter_complex", filter, "-map", "[v]", "-map", "2:a"));
    args.addAll(List.of("-c:a", "aac", "-b:a", "96k", "-frames:v", Integer.toString(frames)));
    args.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "14"));
    args.addAll(List.of("-pix_fmt", "yuv420p", "-r", Integer.toString(FPS), out.toString()));
    RawFrames.ffmpeg(args.toArray(String[]::new));
    List<List<Placement>> placements = new ArrayList<>();
    for (int n = 0; n < frames; n++) {
      placements.add(List.of(new Placement(0, 200 - 2 * Math.abs(n % 200 - 100), PHOTO_Y)));
    }
    return new TestVideo(out, List.of(photo), placements);
  }

  /** A clip of {@code seconds} of ffmpeg's test pattern with a tone: no photos needed. */
  public static Path pattern(Path out, int width, int height, int seconds, boolean audio)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=s=" + width + "x" + height + ":r=" + FPS + ":d=" + seconds));
    if (audio) {
      args.addAll(
          List.of(
              "-f",
              "lavfi",
              "-i",
              "sine=frequency=440:sample_rate=44100:duration=" + seconds,
              "-c:a",
              "aac"));
    }
    args.addAll(
        List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out.toString()));
    RawFrames.ffmpeg(args.toArray(String[]::new));
    return out;
  }
}
