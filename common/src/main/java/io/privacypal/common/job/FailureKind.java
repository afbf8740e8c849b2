package io.privacypal.common.job;

/** Why a job failed, in the few kinds that decide what happens next. */
public enum FailureKind {
  /** The input or the options can never succeed: fail at once, no retry. */
  INVALID_INPUT,
  /** A passing fault (ffmpeg crash, throttling, storage): retry with back-off. */
  TRANSIENT,
  /** Retried until the dead-letter queue took it. */
  RETRIES_EXHAUSTED,
  /** The message itself could not be read. */
  MALFORMED_MESSAGE,
  /** Anything we did not foresee; treated as transient. */
  INTERNAL
}
