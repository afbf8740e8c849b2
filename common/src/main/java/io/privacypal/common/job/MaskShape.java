package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The shape blurred inside a face box. */
public enum MaskShape {
  BOX,
  ELLIPSE;

  @JsonCreator
  public static MaskShape parse(String text) {
    return Enums.parse(MaskShape.class, text, "mask");
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
