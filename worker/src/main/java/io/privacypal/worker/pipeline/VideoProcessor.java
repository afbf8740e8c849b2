package io.privacypal.worker.pipeline;

import io.privacypal.common.job.JobStats;
import io.privacypal.worker.video.InvalidVideoException;

/**
 * Turns one input file into one anonymized output file. The queue side calls it; {@link
 * AnonymizePipeline} is what it calls in production, and tests of the queue hand it their own.
 */
@FunctionalInterface
public interface VideoProcessor {

  /**
   * @throws InvalidVideoException the input can never be processed (fail at once, no retry)
   * @throws JobCancelledException {@code cancellation} was triggered; outputs are already removed
   * @throws Exception anything else is treated as transient and retried
   */
  JobStats process(PipelineRequest request, ProgressListener progress, Cancellation cancellation)
      throws Exception;
}
