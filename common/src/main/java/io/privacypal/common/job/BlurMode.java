package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a covered area is made unrecognisable. */
public enum BlurMode {
  MOSAIC,
  GAUSSIAN,
  FILL;

  @JsonCreator
  public static BlurMode parse(String text) {
    return Enums.parse(BlurMode.class, text, "blurMode");
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
