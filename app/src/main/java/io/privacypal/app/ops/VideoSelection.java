package io.privacypal.app.ops;

import io.privacypal.common.video.InvalidVideoNameException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns what an operator typed (files, directories, glob patterns) into video names relative to the
 * video directory, the form a job message carries.
 */
public final class VideoSelection {
  static final Set<String> VIDEO_EXTENSIONS =
      Set.of("mp4", "mov", "m4v", "mkv", "webm", "avi", "mts", "m2ts", "3gp");

  private final Path videoDir;
  private final Path outputDir;

  public VideoSelection(Path videoDir, Path outputDir) {
    this.videoDir = videoDir.toAbsolutePath().normalize();
    this.outputDir = outputDir.toAbsolutePath().normalize();
  }

  public List<String> select(List<String> arguments) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String argument : arguments) {
      if (argument.startsWith("s3://")) {
        names.add(argument);
      } else if (isGlob(argument)) {
        names.addAll(glob(argument));
      } else {
        Path path = locate(argument);
        if (Files.isDirectory(path)) {
          names.addAll(videosUnder(path));
        } else {
          names.add(relativeName(path));
        }
      }
    }
    return new ArrayList<>(names);
  }

  private Path locate(String argument) {
    Path asGiven = Path.of(argument).toAbsolutePath().normalize();
    return Files.exists(asGiven) ? asGiven : videoDir.resolve(argument).normalize();
  }

  private String relativeName(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (!absolute.startsWith(videoDir) || absolute.equals(videoDir)) {
      throw new InvalidVideoNameException(
          path + " is outside the video directory " + videoDir + " (PRIVACYPAL_VIDEO_DIRECTORY)");
    }
    return videoDir.relativize(absolute).toString();
  }

  private List<String> videosUnder(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && isVideo(file) && !isOutputOrHidden(file)) {
          found.add(relativeName(file));
        }
      }
    }
    return found;
  }

  private List<String> glob(String pattern) throws IOException {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(videoDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = videoDir.relativize(file);
        if (Files.isRegularFile(file) && matcher.matches(relative) && !isOutputOrHidden(file)) {
          found.add(relative.toString());
        }
      }
    }
    return found;
  }

  private boolean isOutputOrHidden(Path file) {
    if (file.startsWith(outputDir)) {
      return true;
    }
    for (Path part : videoDir.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGlob(String argument) {
    return argument.contains("*") || argument.contains("?") || argument.contains("{");
  }

  static boolean isVideo(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
