package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** A job's identity: safe to use as a file name, an S3 key part and a URL segment. */
public record JobId(String value) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  public JobId {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "job id must be 1-128 letters, digits, '-' or '_', starting with a letter or digit");
    }
  }

  @JsonCreator
  public static JobId of(String value) {
    return new JobId(value);
  }

  public static JobId random() {
    return new JobId(UUID.randomUUID().toString());
  }

  public static boolean isValid(String value) {
    return value != null && SAFE.matcher(value).matches();
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
