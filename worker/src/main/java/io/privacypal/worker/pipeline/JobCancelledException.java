package io.privacypal.worker.pipeline;

/** The job was cancelled while it ran. */
public final class JobCancelledException extends Exception {
  private static final long serialVersionUID = 1L;

  public JobCancelledException(String reason) {
    super(reason);
  }
}
