package io.privacypal.common.status;

import io.privacypal.common.job.JobId;

/** No status is stored for a job id. */
public final class JobNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobNotFoundException(JobId jobId) {
    super("no job with id " + jobId);
  }
}
