package io.privacypal.common.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message asks a worker to do. A {@code job} message runs a whole job, or plans it into
 * segments when its video is long; a {@code segment} message runs one segment of a planned job, and
 * the worker that finishes the last segment stitches the output.
 */
public enum MessageKind {
  JOB,
  SEGMENT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<MessageKind> fromWire(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
  }
}
