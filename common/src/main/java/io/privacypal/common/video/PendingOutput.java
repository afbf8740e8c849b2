package io.privacypal.common.video;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * An output being written. Nothing is visible under the final name until {@link #commit()}; closing
 * without a commit removes the temporary file, so a failed or cancelled job leaves nothing behind.
 */
public interface PendingOutput extends PendingFile {

  /** Publishes the file whole under the job's own name and returns where it is. */
  @Override
  String commit() throws IOException;

  /**
   * After {@link #commit()}: publishes the output also under the video's PrivacyPal name, replaced
   * whole, unless that name already holds the output of a job submitted after {@code submittedAt}
   * (an older job that finishes last never replaces a newer one's).
   *
   * @return where the alias is, or empty when a newer job's output holds it
   */
  Optional<String> publishAlias(Instant submittedAt) throws IOException;
}
