package io.privacypal.worker.pipeline;

import io.privacypal.common.job.JobStats;

/** Told how far a job is, often (it decides itself how often to pass it on). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (fraction, soFar) -> {};

  void onProgress(double fraction, JobStats soFar);
}
