package io.privacypal.common.status;

import io.privacypal.common.job.JobId;

/**
 * What an idempotency key is bound to: the job it created, and a fingerprint of the request that
 * created it (a retry with other content is a different request).
 */
public record IdempotencyClaim(JobId jobId, String requestFingerprint) {

  String encode() {
    return jobId.value() + "\n" + requestFingerprint;
  }

  static IdempotencyClaim decode(String text) {
    String[] lines = text.split("\n", 2);
    return new IdempotencyClaim(JobId.of(lines[0].trim()), lines.length > 1 ? lines[1].trim() : "");
  }
}
