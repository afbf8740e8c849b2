package io.privacypal.worker.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The cascade models ship on the classpath, but OpenCV loads them only from a file: each is copied
 * once per process to a temp directory.
 */
final class CascadeFiles {
  static final String FRONTAL = "haarcascades/haarcascade_frontalface_alt2.xml";
  static final String FRONTAL_LBP = "lbpcascades/lbpcascade_frontalface_improved.xml";
  static final String PROFILE = "haarcascades/haarcascade_profileface.xml";
  private static final String BASE = "/io/privacypal/worker/detect/cascades/";

  private static Path directory;

  private CascadeFiles() {}

  static synchronized Path path(String name) {
    try {
      if (directory == null) {
        directory = Files.createTempDirectory("privacypal-cascades");
        directory.toFile().deleteOnExit();
      }
      Path file = directory.resolve(name.substring(name.lastIndexOf('/') + 1));
      if (!Files.exists(file)) {
        try (InputStream in = CascadeFiles.class.getResourceAsStream(BASE + name)) {
          if (in == null) {
            throw new IllegalStateException(
                "cascade " + name + " is missing from the classpath; build the worker with mvn");
          }
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack cascade " + name, e);
    }
  }
}
