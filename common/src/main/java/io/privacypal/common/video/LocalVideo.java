package io.privacypal.common.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A video as a local file; a temporary download is removed on close, a file in place is not. */
public record LocalVideo(Path path, boolean temporary) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    if (temporary) {
      Files.deleteIfExists(path);
    }
  }
}
