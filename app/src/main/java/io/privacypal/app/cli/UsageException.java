package io.privacypal.app.cli;

/** The command line is wrong; the message says how to use it. Exit status 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
