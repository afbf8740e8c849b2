package io.privacypal.worker.opencv;

import io.privacypal.worker.assets.NpmPackageCache;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.opencv.core.Core;

/**
 * Loads OpenCV's native library (shipped inside the openpnp jar) once per process. openpnp's own
 * loader inflates the library (65 MB on Linux x86-64) into a new temporary directory on every
 * start, which costs a good part of a second; on Linux it is kept instead under {@code
 * ~/.cache/privacypal}, named by the jar entry's checksum, and loaded from there.
 */
public final class OpenCvNative {
  private static final String LIBRARY = "libopencv_java490.so";
  private static final Map<String, String> LINUX_FOLDERS =
      Map.of("amd64", "x86_64", "x86_64", "x86_64", "aarch64", "ARMv8");

  private static volatile boolean loaded;

  private OpenCvNative() {}

  public static void load() {
    if (!loaded) {
      synchronized (OpenCvNative.class) {
        if (!loaded) {
          Path cached = cachedLibrary();
          if (cached != null) {
            System.load(cached.toString());
          } else {
            nu.pattern.OpenCV.loadLocally();
          }
          Core.setNumThreads(threads(Runtime.getRuntime().availableProcessors()));
          loaded = true;
        }
      }
    }
  }

  /**
   * OpenCV's own worker threads for a machine of this many cores: a quarter of them, at least one.
   * A job's detection and blur run beside two ffmpeg processes whose x264 already fills the cores,
   * and OpenCV's pool mostly waits for them: on 2 cores its two threads cost 1.2-1.6 CPU seconds
   * more than one per 10 s clip with faces (15 % of the worker's CPU) for the same faces, and the
   * pipeline ran 3-4 % faster with one. Larger machines keep some parallel detection per job.
   */
  static int threads(int cores) {
    return Math.max(1, cores / 4);
  }

  /** The library extracted once into the cache, or null where openpnp's loader must do it. */
  private static Path cachedLibrary() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String folder = LINUX_FOLDERS.get(System.getProperty("os.arch", ""));
    URL resource =
        folder == null || !os.contains("linux")
            ? null
            : nu.pattern.OpenCV.class.getResource(
                "/nu/pattern/opencv/linux/" + folder + "/" + LIBRARY);
    if (resource == null) {
      return null;
    }
    try {
      URLConnection connection = resource.openConnection();
      if (!(connection instanceof JarURLConnection jar)) {
        return null;
      }
      long crc = jar.getJarEntry().getCrc();
      Path file =
          NpmPackageCache.cacheRoot()
              .resolve("opencv-native")
              .resolve(Long.toHexString(crc) + "-" + jar.getJarEntry().getSize())
              .resolve(LIBRARY);
      if (!Files.isRegularFile(file) || Files.size(file) != jar.getJarEntry().getSize()) {
        extract(connection, file);
      }
      return file;
    } catch (IOException | RuntimeException e) {
      return null; // an unwritable cache: openpnp's loader still works
    }
  }

  /** Writes beside the target and moves it into place, so a process never loads half a file. */
  private static void extract(URLConnection connection, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(LIBRARY + "." + UUID.randomUUID() + ".part");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
