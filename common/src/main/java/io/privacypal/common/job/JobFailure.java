package io.privacypal.common.job;

/** The reason a job failed, kept with the exception type that caused it. */
public record JobFailure(FailureKind kind, String reason, String exceptionType) {
  public JobFailure {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    reason = reason == null || reason.isBlank() ? "no reason given" : reason;
  }

  public static JobFailure of(FailureKind kind, Throwable cause) {
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new JobFailure(kind, message, cause.getClass().getName());
  }

  public static JobFailure of(FailureKind kind, String reason) {
    return new JobFailure(kind, reason, null);
  }
}
