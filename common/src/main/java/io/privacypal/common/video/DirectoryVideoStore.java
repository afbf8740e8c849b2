package io.privacypal.common.video;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Videos in a directory (PRIVACYPAL_VIDEO_DIRECTORY), outputs in another (default {@code
 * <videos>/processed}). Names are relative paths that must stay inside the video directory, also
 * after symlinks are followed.
 */
public final class DirectoryVideoStore implements VideoStore {
  private static final int MAX_NAME_LENGTH = 1024;

  private final Path videoDir;
  private final Path outputDir;

  public DirectoryVideoStore(Path videoDir, Path outputDir) {
    this.videoDir = videoDir.toAbsolutePath().normalize();
    this.outputDir = outputDir.toAbsolutePath().normalize();
  }

  public Path videoDirectory() {
    return videoDir;
  }

  public Path outputDirectory() {
    return outputDir;
  }

  @Override
  public boolean exists(String video) {
    Path path = resolveInside(video);
    if (!Files.exists(path)) {
      return false;
    }
    checkRealPathInside(video, path);
    return Files.isRegularFile(path);
  }

  @Override
  public LocalVideo fetch(String video) throws IOException {
    if (!exists(video)) {
      throw new VideoNotFoundException(video);
    }
    return new LocalVideo(resolveInside(video).toRealPath(), false);
  }

  @Override
  public PendingOutput createOutput(String video, String job, int attempt) throws IOException {
    Path target = outputPath(video);
    Files.createDirectories(target.getParent());
    for (int earlier = 1; earlier < attempt; earlier++) {
      Files.deleteIfExists(temporary(target, job, earlier));
    }
    return new RenamedOutput(temporary(target, job, attempt), target);
  }

  /** Same directory as the target, so the final rename is atomic; ".mp4" so ffmpeg picks the muxer. */
  private static Path temporary(Path target, String job, int attempt) {
    return target.resolveSibling("." + target.getFileName() + "." + job + "-a" + attempt + ".tmp.mp4");
  }

  @Override
  public void deleteOutput(String video) throws IOException {
    Files.deleteIfExists(outputPath(video));
  }

  @Override
  public String outputLocation(String video) {
    return outputPath(video).toString();
  }

  private Path outputPath(String video) {
    Path relative = videoDir.relativize(resolveInside(video));
    Path parent = relative.getParent();
    String name = VideoStore.processedName(relative.getFileName().toString());
    return parent == null ? outputDir.resolve(name) : outputDir.resolve(parent).resolve(name);
  }

  Path resolveInside(String video) {
    if (video == null || video.isBlank()) {
      throw new InvalidVideoNameException("video name is empty");
    }
    if (video.length() > MAX_NAME_LENGTH || video.indexOf('\0') >= 0) {
      throw new InvalidVideoNameException("video name is not a valid file name");
    }
    Path given;
    try {
      given = Path.of(video);
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidVideoNameException("video name is not a valid file name");
    }
    if (given.isAbsolute() || video.startsWith("/") || video.startsWith("\\")) {
      throw new InvalidVideoNameException("video name must be relative to the video directory");
    }
    Path resolved = videoDir.resolve(given).normalize();
    if (!resolved.startsWith(videoDir) || resolved.equals(videoDir)) {
      throw new InvalidVideoNameException("video name escapes the video directory");
    }
    return resolved;
  }

  private void checkRealPathInside(String video, Path path) {
    try {
      Path real = path.toRealPath();
      Path realRoot = videoDir.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new InvalidVideoNameException("video name escapes the video directory");
      }
    } catch (IOException e) {
      // A dangling link or a race with a delete: treat as absent rather than outside.
      if (Files.isSymbolicLink(path) && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidVideoNameException("video name is a broken link: " + video);
      }
    }
  }

  private record RenamedOutput(Path path, Path target) implements PendingOutput {
    @Override
    public String commit() throws IOException {
      try {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toString();
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(path);
    }
  }
}
