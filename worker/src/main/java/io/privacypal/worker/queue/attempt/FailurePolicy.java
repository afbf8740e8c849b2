package io.privacypal.worker.queue.attempt;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.status.StatusStoreException;
import io.privacypal.common.video.InvalidVideoNameException;
import io.privacypal.common.video.VideoNotFoundException;
import io.privacypal.common.video.VideoTooLargeException;
import io.privacypal.worker.video.InvalidVideoException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Separates failures that can never succeed (no retry) from the ones worth another attempt, and
 * files those as passing faults outside our code or as our own.
 */
final class FailurePolicy {
  private FailurePolicy() {}

  /**
   * The cause that makes {@code failure} permanent, looking through wrappers (a pipeline may wrap a
   * detector's exception); empty when the failure is transient.
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

  /**
   * The kind of a failure that is not permanent: TRANSIENT when it or a cause is a checked
   * exception (ffmpeg, I/O, a retryable detector error), an AWS SDK exception or a status store
   * fault; INTERNAL otherwise (a bug, a native library that did not load).
   */
  static FailureKind retryKind(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if ((t instanceof Exception && !(t instanceof RuntimeException))
          || t instanceof SdkException
          || t instanceof StatusStoreException) {
        return FailureKind.TRANSIENT;
      }
    }
    return FailureKind.INTERNAL;
  }
}
