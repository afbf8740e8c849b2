package io.privacypal.worker.queue.attempt;

import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.ProgressListener;
import io.privacypal.worker.queue.QueueMessage;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt at one job on this worker: the message it came in, its stop signal, and the latest
 * progress the processor reported. The attempt owns the job while the stored status is PROCESSING
 * with this attempt number and this worker.
 */
final class JobRun {

  /** Why an attempt stopped before its end. */
  enum Stop {
    /** Someone wrote CANCELLED: delete the message, keep the status. */
    CANCELLED,
    /** A newer attempt (the message reappeared) owns the job: leave message and status to it. */
    SUPERSEDED,
    /** This worker is stopping: put the job back on the queue for another one. */
    SHUTDOWN
  }

  record Progress(double fraction, JobStats stats) {}

  private final QueueMessage message;
  private final JobId jobId;
  private final String workerId;

  /** The segment this attempt runs, or null when it runs (or plans) the whole job. */
  private final Integer segment;

  private final Cancellation cancellation = new Cancellation();
  private final AtomicReference<Stop> stop = new AtomicReference<>();
  private final AtomicReference<Progress> progress = new AtomicReference<>();
  private boolean finished;

  JobRun(QueueMessage message, JobId jobId, String workerId) {
    this(message, jobId, workerId, null);
  }

  JobRun(QueueMessage message, JobId jobId, String workerId, Integer segment) {
    this.message = message;
    this.jobId = jobId;
    this.workerId = workerId;
    this.segment = segment;
  }

  String workerId() {
    return workerId;
  }

  Integer segment() {
    return segment;
  }

  /**
   * Names this attempt in a segment plan: the worker, the message and its receive count, so two
   * copies of one segment's message (a plan sent twice) are told apart as well as two attempts.
   */
  String token() {
    return workerId + "|" + message.messageId() + "|" + attempt();
  }

  QueueMessage message() {
    return message;
  }

  JobId jobId() {
    return jobId;
  }

  int attempt() {
    return message.receiveCount();
  }

  Cancellation cancellation() {
    return cancellation;
  }

  /**
   * The processor calls this as often as it likes; the heartbeat writes the latest now and then.
   */
  ProgressListener progressListener() {
    return (fraction, soFar) -> progress.set(new Progress(fraction, soFar));
  }

  Progress latestProgress() {
    return progress.get();
  }

  /** Records the first reason to stop and cancels the processor; later reasons are ignored. */
  void stop(Stop why, String reason) {
    if (stop.compareAndSet(null, why)) {
      cancellation.cancel(reason);
    }
  }

  Stop stopReason() {
    return stop.get();
  }

  boolean owns(JobStatus status) {
    if (segment == null) {
      return status.state() == JobState.PROCESSING
          && status.attempt() == attempt()
          && workerId.equals(status.worker());
    }
    return status.state() == JobState.PROCESSING
        && status.plan() != null
        && (token().equals(status.plan().segment(segment).owner())
            || token().equals(status.plan().stitcher()));
  }

  /** The status with this attempt's progress: the job's, or its segment's share of the frames. */
  JobStatus progressed(JobStatus status, double fraction, JobStats stats, Instant now) {
    if (segment == null) {
      return status.progressed(fraction, stats, now);
    }
    if (stats == null || status.plan().segment(segment).done()) {
      return status.planned(status.plan(), now);
    }
    return status.planned(
        status.plan().withSegment(segment, s -> s.progressed(stats.frames())), now);
  }

  /** The status with this attempt's work back on the queue after a transient failure. */
  JobStatus requeued(JobStatus status, JobFailure failure, Instant now) {
    if (segment == null) {
      return status.requeued(failure, now);
    }
    return status.planned(
        status.plan().withSegment(segment, s -> s.done() ? s : s.claimedBy(null)), now);
  }

  /** Returns {@code status} if this attempt still owns the job, else says why not. */
  JobStatus checkOwned(JobStatus status) {
    if (status.state() == JobState.CANCELLED) {
      throw new LostJobException(Stop.CANCELLED, "job " + jobId + " was cancelled");
    }
    if (!owns(status) && segment != null) {
      throw new LostJobException(
          Stop.SUPERSEDED,
          "job "
              + jobId
              + " is "
              + status.state()
              + "; segment "
              + segment
              + " is held by "
              + (status.plan() == null ? null : status.plan().segment(segment).owner())
              + ", not by "
              + token());
    }
    if (!owns(status)) {
      throw new LostJobException(
          Stop.SUPERSEDED,
          "job "
              + jobId
              + " is now "
              + status.state()
              + " at attempt "
              + status.attempt()
              + " on "
              + status.worker()
              + "; this is attempt "
              + attempt()
              + " on "
              + workerId);
    }
    return status;
  }

  /**
   * Runs one heartbeat unless the attempt has finished. Heartbeats and {@link #finish()} exclude
   * each other, so no beat writes after the final status.
   */
  synchronized void beat(Runnable heartbeat) {
    if (!finished) {
      heartbeat.run();
    }
  }

  /** Stops the heartbeats; returns after any beat in progress. */
  synchronized void finish() {
    finished = true;
  }

  /** A status write or check found that this attempt no longer owns its job. */
  static final class LostJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Stop stop;

    LostJobException(Stop stop, String message) {
      super(message);
      this.stop = stop;
    }

    Stop stop() {
      return stop;
    }
  }
}
