package io.privacypal.common.status;

/** The status store could not be read or written: a transient fault of the storage. */
public final class StatusStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StatusStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
