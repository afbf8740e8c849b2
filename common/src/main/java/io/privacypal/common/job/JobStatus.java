package io.privacypal.common.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One job's status as stored. Immutable: every change returns a new value whose {@code version} is
 * one higher, and every change of state is checked against {@link JobState}'s table.
 *
 * @param attempt how many times a worker has received the job's message (SQS receive count)
 * @param worker the worker process that holds the job while it runs, for diagnosis
 * @param client the API client that submitted the job and alone may see it; null for jobs of the
 *     operator (submitted without keys, from the command line or the queue, or stored before jobs
 *     had owners)
 * @param plan how a long job is split into segments; null for a job run whole
 */
public record JobStatus(
    JobId jobId,
    String video,
    JobState state,
    double progress,
    String output,
    JobFailure failure,
    int attempt,
    long version,
    Instant createdAt,
    Instant updatedAt,
    JobOptions options,
    JobStats stats,
    String worker,
    String client,
    @JsonInclude(JsonInclude.Include.NON_NULL) SegmentPlan plan) {

  public JobStatus {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    options = options == null ? JobOptions.defaults() : options;
    progress = Math.max(0, Math.min(1, progress));
  }

  public static JobStatus queued(JobId jobId, String video, JobOptions options, Instant now) {
    return queued(jobId, video, options, now, null);
  }

  /** A new job of {@code client} (null: the operator's). */
  public static JobStatus queued(
      JobId jobId, String video, JobOptions options, Instant now, String client) {
    return new JobStatus(
        jobId,
        video,
        JobState.QUEUED,
        0,
        null,
        null,
        0,
        1,
        now,
        now,
        options,
        null,
        null,
        client,
        null);
  }

  @JsonIgnore
  public boolean isTerminal() {
    return state.isTerminal();
  }

  private JobStatus next(
      JobState newState,
      double newProgress,
      String newOutput,
      JobFailure newFailure,
      int newAttempt,
      JobStats newStats,
      String newWorker,
      Instant now) {
    state.checkTransition(newState);
    return new JobStatus(
        jobId,
        video,
        newState,
        newProgress,
        newOutput,
        newFailure,
        newAttempt,
        version + 1,
        createdAt,
        now,
        options,
        newStats,
        newWorker,
        client,
        plan);
  }

  public JobStatus processing(int newAttempt, String byWorker, Instant now) {
    return next(JobState.PROCESSING, 0, null, null, newAttempt, null, byWorker, now);
  }

  /** A progress write; also the heartbeat that shows the job is alive. */
  public JobStatus progressed(double newProgress, JobStats newStats, Instant now) {
    return next(JobState.PROCESSING, newProgress, output, failure, attempt, newStats, worker, now);
  }

  public JobStatus succeeded(String outputLocation, JobStats finalStats, Instant now) {
    return next(JobState.SUCCEEDED, 1, outputLocation, null, attempt, finalStats, worker, now);
  }

  public JobStatus failed(JobFailure why, Instant now) {
    return next(JobState.FAILED, progress, null, why, attempt, stats, worker, now);
  }

  public JobStatus cancelled(Instant now) {
    return next(JobState.CANCELLED, progress, null, failure, attempt, stats, worker, now);
  }

  /**
   * The plan changed (written, a segment claimed, progressed or done, the stitch claimed): the job
   * stays PROCESSING, its progress the share of frames done across segments and its time left
   * estimated from all of them.
   */
  public JobStatus planned(SegmentPlan newPlan, Instant now) {
    state.checkTransition(JobState.PROCESSING);
    SegmentPlan started = newPlan.startedBy(now);
    return new JobStatus(
        jobId,
        video,
        JobState.PROCESSING,
        started.progress(),
        output,
        failure,
        attempt,
        version + 1,
        createdAt,
        now,
        options,
        JobStats.running(stats, started.framesDone(), started.secondsLeft(now)),
        worker,
        client,
        started);
  }

  /** Back to the queue: a retry after a transient failure, a release on shutdown, or a redrive. */
  public JobStatus requeued(JobFailure lastFailure, Instant now) {
    return next(JobState.QUEUED, 0, null, lastFailure, attempt, null, null, now);
  }
}
