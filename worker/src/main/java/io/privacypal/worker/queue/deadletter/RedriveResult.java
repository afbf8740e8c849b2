package io.privacypal.worker.queue.deadletter;

import java.util.List;

/**
 * What {@code privacypal dlq redrive} did.
 *
 * @param moved messages sent back to the job queue and deleted from the dead-letter queue
 * @param requeuedJobs jobs whose FAILED status went back to QUEUED
 * @param skipped messages left in the dead-letter queue (malformed bodies), with the reason
 */
public record RedriveResult(int moved, List<String> requeuedJobs, List<String> skipped) {
  public RedriveResult {
    requeuedJobs = List.copyOf(requeuedJobs);
    skipped = List.copyOf(skipped);
  }
}
