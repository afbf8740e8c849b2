package io.privacypal.common.detect;

/** A detector failed; {@code retryable} separates throttling and outages from bad input. */
public final class DetectionException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public DetectionException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
