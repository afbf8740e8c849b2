package io.privacypal.common.video;

/** A video name that is empty, absolute, or points outside the video store. */
public final class InvalidVideoNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidVideoNameException(String message) {
    super(message);
  }
}
