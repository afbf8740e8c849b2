package io.privacypal.common.s3;

import java.util.Objects;

/** An object's address, written {@code s3://bucket/key} as the AWS CLI and the console do. */
public record S3Location(String bucket, String key) {
  public static final String SCHEME = "s3://";

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }

  public static boolean isUri(String text) {
    return text != null && text.startsWith(SCHEME);
  }

  /** Parses {@code s3://bucket/key}; the key may be empty, the bucket may not. */
  public static S3Location parse(String uri) {
    if (!isUri(uri)) {
      throw new IllegalArgumentException("not an s3:// location");
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("s3:// location names no bucket");
    }
    return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
