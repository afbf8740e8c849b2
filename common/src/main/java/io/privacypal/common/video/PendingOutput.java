package io.privacypal.common.video;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output being written. Nothing is visible under the final name until {@link #commit()}; closing
 * without a commit removes the temporary file, so a failed or cancelled job leaves nothing behind.
 */
public interface PendingOutput extends AutoCloseable {
  Path path();

  /** Publishes the file whole under its final name and returns where it is. */
  String commit() throws IOException;

  @Override
  void close() throws IOException;
}
