package io.privacypal.common.job;

/** A status write that the state table refuses, for example a late retry of a finished job. */
public final class IllegalJobTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final JobState from;
  private final JobState to;

  public IllegalJobTransitionException(JobState from, JobState to) {
    super("a job cannot move from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public JobState from() {
    return from;
  }

  public JobState to() {
    return to;
  }
}
