package io.privacypal.worker.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privacypal.worker.assets.NpmPackageCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real photos of people for tests: {@code demo/sample1.jpg}..{@code sample6.jpg} of the npm package
 * {@code @vladmandic/face-api@1.7.15}, fetched once with {@code npm pack} into {@code
 * ~/.cache/privacypal/face-api-1.7.15} (shared by every module and checkout). Tests are skipped,
 * with a message, only when npm is not installed.
 */
public final class FacePhotos {
  private static final String PACKAGE = "@vladmandic/face-api@1.7.15";
  private static final int COUNT = 6;

  private FacePhotos() {}

  /** sample1.jpg .. sample6.jpg, in order. */
  public static synchronized List<Path> all() {
    List<String> inPackage = new ArrayList<>();
    for (int i = 1; i <= COUNT; i++) {
      inPackage.add("package/demo/sample" + i + ".jpg");
    }
    Path dir = cacheDir();
    boolean cached =
        inPackage.stream()
            .allMatch(p -> Files.isRegularFile(dir.resolve(Path.of(p).getFileName())));
    if (!cached) {
      assumeTrue(
          NpmPackageCache.npmInstalled(),
          "npm is not installed: cannot fetch test photos (" + PACKAGE + ")");
    }
    try {
      return NpmPackageCache.files(PACKAGE, dir, inPackage);
    } catch (IOException e) {
      throw new UncheckedIOException("could not fetch test photos from " + PACKAGE, e);
    }
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
    return NpmPackageCache.cacheRoot().resolve("face-api-1.7.15");
  }
}
