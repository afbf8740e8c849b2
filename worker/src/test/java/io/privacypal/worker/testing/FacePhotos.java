package io.privacypal.worker.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real photos of people for tests: {@code demo/sample1.jpg}..{@code sample6.jpg} of the npm package
 * {@code @vladmandic/face-api@1.7.15}, fetched once with {@code npm pack} into
 * {@code ~/.cache/privacypal/face-api-1.7.15} (shared by every module and checkout). Tests are
 * skipped, with a message, only when npm is not installed.
 */
public final class FacePhotos {
  private static final String PACKAGE = "@vladmandic/face-api@1.7.15";
  private static final int COUNT = 6;

  private FacePhotos() {}

  /** sample1.jpg .. sample6.jpg, in order. */
  public static synchronized List<Path> all() {
    Path dir = cacheDir();
    if (!complete(dir)) {
      fetchInto(dir);
    }
    List<Path> photos = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) {
      photos.add(dir.resolve("sample" + i + ".jpg"));
    }
    return photos;
  }

  /** One photo, 1-based as in the package. */
  public static Path sample(int number) {
    return all().get(number - 1);
  }

  static Path cacheDir() {
    String override = System.getenv("PRIVACYPAL_TEST_PHOTOS");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "privacypal", "face-api-1.7.15");
  }

  private static boolean complete(Path dir) {
    for (int i = 1; i <= COUNT; i++) {
      if (!Files.isRegularFile(dir.resolve("sample" + i + ".jpg"))) {
        return false;
      }
    }
    return true;
  }

  private static void fetchInto(Path dir) {
    assumeTrue(npmInstalled(), "npm is not installed: cannot fetch test photos (" + PACKAGE + ")");
    try {
      Files.createDirectories(dir.getParent());
      Path work = Files.createTempDirectory(dir.getParent(), "fetch-");
      try {
        run(work, "npm", "pack", PACKAGE, "--silent");
        Path tarball;
        try (Stream<Path> files = Files.list(work)) {
          tarball =
              files
                  .filter(p -> p.getFileName().toString().endsWith(".tgz"))
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException("npm pack produced no tarball"));
        }
        run(work, "tar", "xzf", tarball.getFileName().toString(), "package/demo");
        Path staged = work.resolve("photos");
        Files.createDirectories(staged);
        for (int i = 1; i <= COUNT; i++) {
          String name = "sample" + i + ".jpg";
          Files.copy(work.resolve("package/demo/" + name), staged.resolve(name));
        }
        publish(staged, dir);
      } finally {
        deleteTree(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not fetch test photos from " + PACKAGE, e);
    }
    if (!complete(dir)) {
      throw new IllegalStateException("test photos missing in " + dir + " after fetching " + PACKAGE);
    }
  }

  /** Another build may fetch at the same time: whoever moves first wins, both then read it. */
  private static void publish(Path staged, Path dir) throws IOException {
    try {
      Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!complete(dir)) {
        throw e;
      }
    } catch (IOException e) {
      // A partial directory from an interrupted run: replace it.
      if (Files.isDirectory(dir) && !complete(dir)) {
        deleteTree(dir);
        Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
      } else if (!complete(dir)) {
        throw e;
      }
    }
  }

  private static boolean npmInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "npm"))) {
        return true;
      }
    }
    return false;
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
      throw new IOException("interrupted", e);
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
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
