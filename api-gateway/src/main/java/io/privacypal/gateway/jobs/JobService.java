package io.privacypal.gateway.jobs;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.VideoStore;
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
 * never opens a video. Also cancels, by writing CANCELLED; workers see it before and while they run.
 */
public final class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  private final JobStatusStore statuses;
  private final VideoStore videos;
  private final JobQueue queue;
  private final Clock clock;

  public JobService(JobStatusStore statuses, VideoStore videos, JobQueue queue, Clock clock) {
    this.statuses = statuses;
    this.videos = videos;
    this.queue = queue;
    this.clock = clock;
  }

  /**
   * @throws ApiException 404 when the video does not exist
   * @throws io.privacypal.common.video.InvalidVideoNameException when the name escapes the store
   */
  public JobStatus submit(JobSubmission submission) {
    requireVideo(submission.video());
    return enqueue(JobId.random(), submission);
  }

  public void requireVideo(String video) {
    if (!videos.exists(video)) {
      throw ApiException.notFound("video not found: " + video);
    }
  }

  /** Status first, so the job can be polled the moment the client has its id. */
  JobStatus enqueue(JobId id, JobSubmission submission) {
    Instant now = clock.instant();
    MDC.put("jobId", id.value());
    try {
      JobStatus status =
          statuses.createIfAbsent(JobStatus.queued(id, submission.video(), submission.options(), now));
      try {
        queue.send(JobMessage.of(id, submission.video(), submission.options(), now));
      } catch (SdkException e) {
        // No message means no worker will ever move it: record why rather than leave it QUEUED.
        statuses.update(
            id,
            s ->
                s.failed(
                    JobFailure.of(FailureKind.TRANSIENT, "the job could not be queued: " + e.getMessage()),
                    clock.instant()));
        throw e;
      }
      log.info("queued {}", submission.video());
      return status;
    } finally {
      MDC.remove("jobId");
    }
  }

  public Optional<JobStatus> find(JobId id) {
    return statuses.find(id);
  }

  public Optional<JobStatus> latestForVideo(String video) {
    return statuses.latestForVideo(video);
  }

  /**
   * QUEUED or PROCESSING becomes CANCELLED.
   *
   * @throws ApiException 409 when the job has already finished
   * @throws io.privacypal.common.status.JobNotFoundException when there is no such job
   */
  public JobStatus cancel(JobId id) {
    JobStatus cancelled =
        statuses.update(
            id,
            current -> {
              if (current.isTerminal()) {
                throw ApiException.conflict(
                    "job " + id + " has already finished (" + current.state() + "); it cannot be cancelled");
              }
              return current.cancelled(clock.instant());
            });
    MDC.put("jobId", id.value());
    log.info("cancelled");
    MDC.remove("jobId");
    return cancelled;
  }
}
