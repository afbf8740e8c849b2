package io.privacypal.common.job;

/** Options that can never work (unknown mode, negative box, interval out of range). */
public final class InvalidJobOptionsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidJobOptionsException(String message) {
    super(message);
  }
}
