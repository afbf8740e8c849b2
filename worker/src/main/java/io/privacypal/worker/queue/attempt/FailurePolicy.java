package io.privacypal.worker.queue.attempt;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.video.InvalidVideoNameException;
import io.privacypal.common.video.VideoNotFoundException;
import io.privacypal.common.video.VideoTooLargeException;
import io.privacypal.worker.pipeline.InvalidVideoException;
import java.util.Optional;

/** Separates failures that can never succeed (no retry) from passing ones (retry with back-off). */
final class FailurePolicy {
  private FailurePolicy() {}

  /**
   * The cause that makes {@code failure} permanent, looking through wrappers (a pipeline may wrap
   * a detector's exception); empty when the failure is transient.
   */
  static Optional<Throwable> permanentCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidVideoException
          || t instanceof VideoNotFoundException
          || t instanceof VideoTooLargeException
          || t instanceof InvalidVideoNameException
          || t instanceof InvalidJobOptionsException
          || (t instanceof DetectionException d && !d.retryable())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
