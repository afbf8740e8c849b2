package io.privacypal.common.job;

/** Why a job failed, in the few kinds that decide what happens next. */
public enum FailureKind {
  /** The input or the options can never succeed: fail at once, no retry. */
  INVALID_INPUT,
  /**
   * A passing fault outside our code: ffmpeg or the disk failed, a detector was throttled, an AWS
   * call or the storage failed. Retry with back-off.
   */
  TRANSIENT,
  /** Retried until the dead-letter queue took it. */
  RETRIES_EXHAUSTED,
  /** The message itself could not be read. */
  MALFORMED_MESSAGE,
  /**
   * A fault we did not foresee in our own code (a bug, a native library that did not load); retried
   * as well, in case it was the machine.
   */
  INTERNAL
}
