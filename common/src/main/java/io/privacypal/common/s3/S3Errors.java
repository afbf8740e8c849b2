package io.privacypal.common.s3;

import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads the HTTP status out of S3 errors, which name the same condition several ways. */
public final class S3Errors {
  private S3Errors() {}

  /** NoSuchKey on GET, a bare 404 on HEAD (HEAD responses carry no error body). */
  public static boolean isNotFound(S3Exception e) {
    return e.statusCode() == 404;
  }

  /**
   * A conditional write lost: 412 PreconditionFailed when the ETag or existence did not match, 409
   * ConditionalRequestConflict when another conditional write to the key was in flight.
   */
  public static boolean isConditionLost(S3Exception e) {
    return e.statusCode() == 412 || e.statusCode() == 409;
  }
}
