package io.privacypal.worker.queue.deadletter;

import java.util.List;

/**
 * What {@link DeadLetterQueue#failStranded} did.
 *
 * @param checked dead letters looked at (all left in the dead-letter queue)
 * @param failedJobs jobs whose QUEUED or PROCESSING status became FAILED
 */
public record StrandedResult(int checked, List<String> failedJobs) {
  public StrandedResult {
    failedJobs = List.copyOf(failedJobs);
  }
}
