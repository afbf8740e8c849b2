package io.privacypal.gateway.jobs;

import io.privacypal.common.status.IdempotencyClaim;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.gateway.http.ApiException;
import java.util.Optional;

/**
 * (client, Idempotency-Key) → job, kept in the status store beside the statuses (a file claimed by
 * hard link on disk, an object created with If-None-Match in S3), so every gateway replica sharing
 * the store sees the same claims and a restart forgets none. One client's key never returns another
 * client's job.
 */
public final class IdempotencyIndex {
  public static final int MAX_KEY_LENGTH = 255;

  private final JobStatusStore statuses;

  public IdempotencyIndex(JobStatusStore statuses) {
    this.statuses = statuses;
  }

  public static void checkKey(String key) {
    if (key.isEmpty()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ApiException.badRequest(
          "Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters");
    }
  }

  /** Binds the client's key to the claim, or returns the claim that already holds it. */
  public Optional<IdempotencyClaim> claim(String client, String key, IdempotencyClaim claim) {
    return statuses.claimIdempotencyKey(scoped(client, key), claim);
  }

  /** Frees a key whose job could not be queued, so the client's retry can succeed. */
  public void release(String client, String key) {
    statuses.releaseIdempotencyKey(scoped(client, key));
  }

  /** The operator's (no client) keep the names keys had before clients existed. */
  private static String scoped(String client, String key) {
    return client == null ? key : client + "\u0000" + key;
  }
}
