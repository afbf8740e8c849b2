package io.privacypal.common.video;

import io.privacypal.common.files.ProcessFileLock;
import io.privacypal.common.job.JobId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Videos in a directory (PRIVACYPAL_VIDEO_DIRECTORY), outputs in another (default {@code
 * <videos>/processed}): each job's at {@code jobs/<jobId>.output.mp4}, the PrivacyPal aliases at
 * {@code <name>-processed.mp4} beside where the video's relative path puts them. Names are relative
 * paths that must stay inside the video directory, also after symlinks are followed.
 */
public final class DirectoryVideoStore implements VideoStore {
  private static final int MAX_NAME_LENGTH = 1024;

  /** Under the output directory: one file per job, {@code <jobId>.output.mp4}. */
  static final String JOB_OUTPUTS = "jobs";

  /** Under the output directory: {@code <jobId>/segment-<index>-a<attempt>.mp4} per segment. */
  static final String SEGMENTS = ".segments";

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
  public PendingOutput createOutput(String video, JobId job, int attempt) throws IOException {
    Path alias = aliasPath(video);
    Path target = jobOutput(job);
    Files.createDirectories(target.getParent());
    for (int earlier = 1; earlier < attempt; earlier++) {
      Files.deleteIfExists(temporary(target, job, earlier));
    }
    return new RenamedOutput(temporary(target, job, attempt), target, alias, aliasLock());
  }

  /**
   * Same directory as the target, so the final rename is atomic; ".mp4" so ffmpeg picks the muxer.
   */
  private static Path temporary(Path target, JobId job, int attempt) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + job + "-a" + attempt + ".tmp.mp4");
  }

  @Override
  public void deleteOutput(String video, JobId job) throws IOException {
    Path target = jobOutput(job);
    Path alias = aliasPath(video);
    if (Files.isDirectory(alias.getParent())) {
      ProcessFileLock.holding(
          aliasLock(),
          () -> {
            // The alias is a hard link to the output it holds (see publishAlias).
            if (Files.exists(alias) && Files.exists(target) && Files.isSameFile(alias, target)) {
              Files.delete(alias);
            }
            return null;
          });
    }
    Files.deleteIfExists(target);
  }

  @Override
  public PendingFile createSegment(JobId job, int index, int attempt) throws IOException {
    Path target = segmentDirectory(job).resolve(VideoStore.segmentName(index, attempt));
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp.mp4");
    return new RenamedSegment(temp, target);
  }

  @Override
  public LocalVideo fetchSegment(JobId job, String location) throws IOException {
    Path file = Path.of(location).toAbsolutePath().normalize();
    if (!file.getParent().equals(segmentDirectory(job))) {
      throw new IOException("not a segment file of job " + job + ": " + location);
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("segment file " + location + " is gone");
    }
    return new LocalVideo(file, false);
  }

  @Override
  public void deleteSegments(JobId job) throws IOException {
    Path dir = segmentDirectory(job);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    try {
      Files.deleteIfExists(dir);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // A segment run still finishing wrote one more; it removes its own when it finds the job
      // over.
    }
  }

  private Path segmentDirectory(JobId job) {
    return outputDir.resolve(SEGMENTS).resolve(job.value());
  }

  private record RenamedSegment(Path path, Path target) implements PendingFile {
    @Override
    public String commit() throws IOException {
      moveReplacing(path, target);
      return target.toString();
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(path);
    }
  }

  @Override
  public String outputLocation(JobId job) {
    return jobOutput(job).toString();
  }

  @Override
  public String aliasLocation(String video) {
    return aliasPath(video).toString();
  }

  private Path jobOutput(JobId job) {
    return outputDir.resolve(JOB_OUTPUTS).resolve(VideoStore.jobOutputName(job));
  }

  private Path aliasPath(String video) {
    Path relative = videoDir.relativize(resolveInside(video));
    Path parent = relative.getParent();
    String name = VideoStore.processedName(relative.getFileName().toString());
    return parent == null ? outputDir.resolve(name) : outputDir.resolve(parent).resolve(name);
  }

  /** One lock for every alias: publishing one is a link and a rename, so they never queue long. */
  private Path aliasLock() {
    return outputDir.resolve(".aliases.lock");
  }

  Path resolveInside(String video) {
    if (video == null || video.isBlank()) {
      throw new InvalidVideoNameException("video name is empty");
    }
    if (video.length() > MAX_NAME_LENGTH || video.indexOf('\0') >= 0) {
      throw new InvalidVideoNameException("video name is not a valid file name");
    }
    VideoStore.checkPrintable(video);
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

  /**
   * The alias is a hard link to the job's output (a copy where links are not supported) whose
   * modification time is the job's submission time: the rename that replaces it also replaces the
   * record of which job it holds, and a lock file in the output directory orders the workers.
   */
  private record RenamedOutput(Path path, Path target, Path alias, Path aliasLock)
      implements PendingOutput {
    @Override
    public String commit() throws IOException {
      moveReplacing(path, target);
      return target.toString();
    }

    @Override
    public Optional<String> publishAlias(Instant submittedAt) throws IOException {
      Files.createDirectories(alias.getParent());
      return ProcessFileLock.holding(
          aliasLock,
          () -> {
            if (Files.exists(alias)
                && Files.getLastModifiedTime(alias).toInstant().isAfter(submittedAt)) {
              return Optional.empty();
            }
            Path temp =
                alias.resolveSibling("." + alias.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
              try {
                Files.createLink(temp, target);
              } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(target, temp);
              }
              Files.setLastModifiedTime(temp, FileTime.from(submittedAt));
              moveReplacing(temp, alias);
            } finally {
              Files.deleteIfExists(temp);
            }
            return Optional.of(alias.toString());
          });
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(path);
    }
  }

  private static void moveReplacing(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
