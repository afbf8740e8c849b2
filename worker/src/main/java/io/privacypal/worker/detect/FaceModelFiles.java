package io.privacypal.worker.detect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.assets.NpmPackageCache;
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

  /** The model file named by the environment, cached or fetched: see {@link #blazeFace(ConfigSource)}. */
  public static Optional<Path> blazeFace() {
    return blazeFace(ConfigSource.fromEnvironment());
  }

  /** The model file, or empty when it is not configured, not cached and npm cannot fetch it. */
  public static synchronized Optional<Path> blazeFace(ConfigSource config) {
    Optional<String> configured = config.get("PRIVACYPAL_FACE_MODEL");
    if (configured.isPresent()) {
      Path file = Path.of(configured.get());
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("PRIVACYPAL_FACE_MODEL: no such file " + file);
      }
      return Optional.of(file);
    }
    if (!NpmPackageCache.npmInstalled()) {
      log.warn("npm is not installed: cannot fetch the face model {}; using cascades only", PACKAGE);
      return Optional.empty();
    }
    try {
      return Optional.of(
          NpmPackageCache.files(PACKAGE, NpmPackageCache.cacheRoot().resolve(CACHE), List.of("package/" + MODEL))
              .get(0));
    } catch (InterruptedIOException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      // Offline: the cascades still work, less well; the warning says why.
      log.warn("could not fetch the face model {}: {}; using cascades only", PACKAGE, e.getMessage());
      return Optional.empty();
    }
  }
}
