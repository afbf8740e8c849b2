package io.privacypal.common.config;

/** A setting that cannot work; reported once at start-up, before anything runs. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
