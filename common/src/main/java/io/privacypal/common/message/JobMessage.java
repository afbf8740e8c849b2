package io.privacypal.common.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * The SQS message body: the public contract between whoever submits work (the gateway, {@code
 * privacypal enqueue}, {@code aws sqs send-message}) and the workers. Documented in the README and
 * in {@code common/src/main/resources/schema/job-message.schema.json}.
 *
 * <p>Only {@code video} is required. Without {@code jobId} the worker uses the SQS message id, so a
 * redelivery of the same message is the same job. A {@code segment} message (schema version 2, so a
 * worker that predates segments dead-letters it rather than running the whole video) names its job
 * and its frames.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobMessage(
    int schemaVersion,
    JobId jobId,
    String video,
    JobOptions options,
    Instant submittedAt,
    MessageKind kind,
    SegmentRange segment) {

  public static final int CURRENT_SCHEMA_VERSION = 1;

  /** The version of segment messages; workers read both. */
  public static final int SEGMENT_SCHEMA_VERSION = 2;

  public JobMessage {
    Objects.requireNonNull(video, "video");
    options = options == null ? JobOptions.defaults() : options;
    if (kind == MessageKind.SEGMENT) {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(segment, "segment");
    } else {
      // A plain job message leaves the kind out, as every sender before segments did.
      kind = null;
      segment = null;
    }
  }

  public JobMessage(
      int schemaVersion, JobId jobId, String video, JobOptions options, Instant submittedAt) {
    this(schemaVersion, jobId, video, options, submittedAt, null, null);
  }

  public static JobMessage of(JobId jobId, String video, JobOptions options, Instant submittedAt) {
    return new JobMessage(CURRENT_SCHEMA_VERSION, jobId, video, options, submittedAt);
  }

  public static JobMessage segment(
      JobId jobId, String video, JobOptions options, Instant submittedAt, SegmentRange segment) {
    return new JobMessage(
        SEGMENT_SCHEMA_VERSION, jobId, video, options, submittedAt, MessageKind.SEGMENT, segment);
  }

  public MessageKind kindOrJob() {
    return kind == null ? MessageKind.JOB : kind;
  }
}
