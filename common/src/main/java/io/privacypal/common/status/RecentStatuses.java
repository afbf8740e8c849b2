package io.privacypal.common.status;

import io.privacypal.common.job.JobStatus;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How both status stores list the recent jobs. */
final class RecentStatuses {
  private static final Logger log = LoggerFactory.getLogger(RecentStatuses.class);

  static final Comparator<JobStatus> NEWEST_SUBMITTED_FIRST =
      Comparator.comparing(JobStatus::createdAt).reversed();

  private RecentStatuses() {}

  /** One unreadable status (half-written by hand, a foreign file) must not hide all the others. */
  static Optional<JobStatus> readSkippingBroken(String name, Supplier<Optional<JobStatus>> read) {
    try {
      return read.get();
    } catch (StatusStoreException e) {
      log.warn(
          "job status {} is unreadable and left out of the listing: {}",
          name,
          e.getCause() == null ? e : e.getCause());
      return Optional.empty();
    }
  }
}
