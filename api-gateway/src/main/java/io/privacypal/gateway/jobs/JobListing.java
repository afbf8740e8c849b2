package io.privacypal.gateway.jobs;

import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.gateway.clients.Client;
import io.privacypal.gateway.http.ApiException;
import io.privacypal.gateway.http.Request;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/v1/jobs}: newest first, filtered by {@code state}, {@code video} and the
 * submission time ({@code since} inclusive, {@code until} exclusive, ISO-8601 instants), a page of
 * {@code limit} at a time. The cursor is the position (createdAt, jobId) of the page's last job, so
 * jobs submitted meanwhile do not shift later pages.
 */
public final class JobListing {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /**
   * How many stored statuses one listing reads (the most recently changed), so a huge store cannot
   * stall a thread; older jobs are still found by id.
   */
  static final int MAX_SCAN = 2_000;

  private static final Comparator<JobStatus> NEWEST_FIRST =
      Comparator.comparing(JobStatus::createdAt).thenComparing(s -> s.jobId().value()).reversed();

  private final JobStatusStore statuses;

  public JobListing(JobStatusStore statuses) {
    this.statuses = statuses;
  }

  public record Page(List<JobView> jobs, String nextCursor) {}

  private record Cursor(Instant createdAt, String jobId) {
    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((createdAt + "|" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
        return new Cursor(Instant.parse(parts[0]), parts[1]);
      } catch (RuntimeException e) {
        throw ApiException.badRequest(
            "invalid cursor: pass back the nextCursor of an earlier page");
      }
    }

    /** Whether the status comes after this position, newest first. */
    boolean isBefore(JobStatus status) {
      int byTime = status.createdAt().compareTo(createdAt);
      return byTime < 0 || (byTime == 0 && status.jobId().value().compareTo(jobId) < 0);
    }
  }

  public Page list(Request request) {
    Optional<JobState> state = request.query("state").map(JobListing::parseState);
    Optional<String> video = request.query("video");
    Optional<Instant> since = request.query("since").map(t -> parseInstant("since", t));
    Optional<Instant> until = request.query("until").map(t -> parseInstant("until", t));
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      throw ApiException.badRequest("since must be earlier than until");
    }
    int limit = request.query("limit").map(JobListing::parseLimit).orElse(DEFAULT_LIMIT);
    Optional<Cursor> after = request.query("cursor").map(Cursor::decode);

    Client client = request.client();
    List<JobStatus> all = new ArrayList<>(statuses.recent(MAX_SCAN));
    all.sort(NEWEST_FIRST);
    List<JobView> page = new ArrayList<>();
    JobStatus last = null;
    boolean more = false;
    for (JobStatus status : all) {
      if (!client.sees(status)) {
        continue;
      }
      if (after.isPresent() && !after.get().isBefore(status)) {
        continue;
      }
      if (state.isPresent() && status.state() != state.get()) {
        continue;
      }
      if (video.isPresent() && !status.video().equals(video.get())) {
        continue;
      }
      if (since.isPresent() && status.createdAt().isBefore(since.get())) {
        continue;
      }
      if (until.isPresent() && !status.createdAt().isBefore(until.get())) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(JobView.of(status));
      last = status;
    }
    String next = more ? new Cursor(last.createdAt(), last.jobId().value()).encode() : null;
    return new Page(page, next);
  }

  private static JobState parseState(String text) {
    try {
      return JobState.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "unknown state '" + text + "': use QUEUED, PROCESSING, SUCCEEDED, FAILED or CANCELLED");
    }
  }

  private static Instant parseInstant(String name, String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be an ISO-8601 instant such as 2026-01-02T03:04:05Z, got '" + text + "'");
    }
  }

  private static int parseLimit(String text) {
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the one message below
    }
    throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
