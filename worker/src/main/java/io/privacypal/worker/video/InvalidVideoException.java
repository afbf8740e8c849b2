package io.privacypal.worker.video;

/** The input is not a video we can process (no video stream, truncated, too large): no retry. */
public final class InvalidVideoException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidVideoException(String message) {
    super(message);
  }

  public InvalidVideoException(String message, Throwable cause) {
    super(message, cause);
  }
}
