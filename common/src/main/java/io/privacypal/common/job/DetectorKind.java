package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which face detector a job uses: the offline OpenCV one or AWS Rekognition. */
public enum DetectorKind {
  LOCAL,
  REKOGNITION;

  @JsonCreator
  public static DetectorKind parse(String text) {
    return Enums.parse(DetectorKind.class, text, "detector");
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
