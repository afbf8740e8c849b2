package io.privacypal.common.video;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file being written to a local path. Nothing is stored until {@link #commit()}; closing without
 * a commit removes the temporary file, so a failed or cancelled run leaves nothing behind.
 */
public interface PendingFile extends AutoCloseable {
  Path path();

  /** Stores the file whole and returns where it is. */
  String commit() throws IOException;

  @Override
  void close() throws IOException;
}
