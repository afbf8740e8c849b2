package io.privacypal.common.status;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where job statuses live: written by the gateway (first status) and the workers, read by the
 * gateway. Implementations: one JSON file per job in a directory, or one object per job in S3.
 */
public interface JobStatusStore {

  /** Stores a new job's first status, or returns the one already stored under its id. */
  JobStatus createIfAbsent(JobStatus initial);

  Optional<JobStatus> find(JobId jobId);

  /**
   * Applies {@code change} to the current status atomically with respect to every other writer. The
   * change may throw (an illegal transition, a stale attempt); then nothing is written.
   *
   * @throws JobNotFoundException when no status exists for the id
   */
  JobStatus update(JobId jobId, UnaryOperator<JobStatus> change);

  /**
   * The most recently submitted job of {@code client} (null: the operator) for a video name, as the
   * PrivacyPal front end asks by name.
   */
  Optional<JobStatus> latestForVideo(String client, String video);

  /**
   * The statuses changed most recently, at most {@code limit} of them read, newest submitted first.
   * A status that cannot be read is left out (and logged), never the reason a listing fails.
   */
  List<JobStatus> recent(int limit);

  /**
   * Binds an idempotency key to {@code claim} unless another claim holds it, atomically across
   * every gateway sharing the store. Keys are opaque to the store; callers scope them (by client).
   *
   * @return empty when this claim won, else the claim that holds the key
   */
  Optional<IdempotencyClaim> claimIdempotencyKey(String key, IdempotencyClaim claim);

  /** Frees a key whose job could not be queued, so a retry can claim it. */
  void releaseIdempotencyKey(String key);
}
