package io.privacypal.gateway.jobs;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.json.Json;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.IdempotencyClaim;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.text.Sha256;
import io.privacypal.common.video.VideoStore;
import io.privacypal.gateway.clients.Client;
import io.privacypal.gateway.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The gateway's whole job: check the video, write the first status, send exactly one message. It
 * never opens a video. Also cancels, by writing CANCELLED; workers see it before and while they
 * run.
 */
public final class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  private final JobStatusStore statuses;
  private final VideoStore videos;
  private final JobQueue queue;
  private final Clock clock;
  private final IdempotencyIndex idempotency;
  private final PrivacypalMetrics metrics;

  public JobService(
      JobStatusStore statuses,
      VideoStore videos,
      JobQueue queue,
      Clock clock,
      IdempotencyIndex idempotency,
      PrivacypalMetrics metrics) {
    this.metrics = metrics;
    this.statuses = statuses;
    this.videos = videos;
    this.queue = queue;
    this.clock = clock;
    this.idempotency = idempotency;
  }

  /** A submit's outcome: the job, and whether it was an earlier request's job replayed. */
  public record Submitted(JobStatus status, boolean replayed) {}

  /**
   * Like {@link #submit(JobSubmission)}, but a repeated key returns the first request's job and
   * sends nothing; the same key with a different request is refused (422).
   */
  public Submitted submit(Client client, JobSubmission submission, String idempotencyKey) {
    IdempotencyIndex.checkKey(idempotencyKey);
    requireVideo(submission.video());
    String fingerprint = Sha256.hex(Json.writeBytes(submission));
    JobId id = JobId.random();
    Optional<IdempotencyClaim> earlier =
        idempotency.claim(client.name(), idempotencyKey, new IdempotencyClaim(id, fingerprint));
    if (earlier.isPresent()) {
      if (!earlier.get().requestFingerprint().equals(fingerprint)) {
        throw new ApiException(
            422, "this Idempotency-Key was already used for a different request");
      }
      JobStatus status =
          statuses
              .find(earlier.get().jobId())
              .orElseThrow(
                  () ->
                      ApiException.conflict(
                          "a request with this Idempotency-Key is still in progress; retry it"));
      return new Submitted(status, true);
    }
    try {
      return new Submitted(enqueue(client, id, submission), false);
    } catch (RuntimeException e) {
      idempotency.release(client.name(), idempotencyKey);
      throw e;
    }
  }

  /**
   * @throws ApiException 404 when the video does not exist
   * @throws io.privacypal.common.video.InvalidVideoNameException when the name escapes the store
   */
  public JobStatus submit(Client client, JobSubmission submission) {
    requireVideo(submission.video());
    return enqueue(client, JobId.random(), submission);
  }

  public void requireVideo(String video) {
    if (!videos.exists(video)) {
      throw ApiException.notFound("video not found: " + video);
    }
  }

  /** Status first, so the job can be polled the moment the client has its id. */
  JobStatus enqueue(Client client, JobId id, JobSubmission submission) {
    Instant now = clock.instant();
    MDC.put("jobId", id.value());
    try {
      JobStatus status =
          statuses.createIfAbsent(
              JobStatus.queued(id, submission.video(), submission.options(), now, client.name()));
      try {
        queue.send(JobMessage.of(id, submission.video(), submission.options(), now));
      } catch (SdkException e) {
        // No message means no worker will ever move it: record why rather than leave it QUEUED.
        statuses.update(
            id,
            s ->
                s.failed(
                    JobFailure.of(
                        FailureKind.TRANSIENT, "the job could not be queued: " + e.getMessage()),
                    clock.instant()));
        throw e;
      }
      metrics.jobSubmitted();
      log.info("queued {} for {}", submission.video(), client);
      return status;
    } finally {
      MDC.remove("jobId");
    }
  }

  /** The job, when it exists and is the client's to see: another client's is as good as absent. */
  public Optional<JobStatus> find(Client client, JobId id) {
    return statuses.find(id).filter(client::sees);
  }

  /**
   * @throws ApiException 404 when there is no such job or it is another client's
   */
  public JobStatus require(Client client, JobId id) {
    return find(client, id).orElseThrow(() -> ApiException.notFound("no job with id " + id));
  }

  /**
   * The client's latest job for a video; an admin without one of its own gets the operator's (jobs
   * submitted without keys, or before jobs had owners).
   */
  public Optional<JobStatus> latestForVideo(Client client, String video) {
    Optional<JobStatus> own = statuses.latestForVideo(client.name(), video);
    if (own.isEmpty() && client.admin() && client.name() != null) {
      return statuses.latestForVideo(null, video);
    }
    return own;
  }

  /**
   * QUEUED or PROCESSING becomes CANCELLED.
   *
   * @throws ApiException 409 when the job has already finished, 404 when there is no such job or it
   *     is another client's
   */
  public JobStatus cancel(Client client, JobId id) {
    require(client, id);
    JobStatus cancelled =
        statuses.update(
            id,
            current -> {
              if (current.isTerminal()) {
                throw ApiException.conflict(
                    "job "
                        + id
                        + " has already finished ("
                        + current.state()
                        + "); it cannot be cancelled");
              }
              return current.cancelled(clock.instant());
            });
    metrics.jobCancelled();
    MDC.put("jobId", id.value());
    try {
      log.info("cancelled by {}", client);
    } finally {
      MDC.remove("jobId");
    }
    return cancelled;
  }
}
