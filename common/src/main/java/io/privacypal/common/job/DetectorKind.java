package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which face detector a job uses: the offline BlazeFace network, AWS Rekognition, or OpenCV's
 * Haar/LBP cascades (weaker; only ever run when chosen by name, never as a fallback).
 */
public enum DetectorKind {
  LOCAL,
  REKOGNITION,
  CASCADES;

  @JsonCreator
  public static DetectorKind parse(String text) {
    return Enums.parse(DetectorKind.class, text, "detector");
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
