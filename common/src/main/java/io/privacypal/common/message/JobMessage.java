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
 * redelivery of the same message is the same job.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobMessage(
    int schemaVersion, JobId jobId, String video, JobOptions options, Instant submittedAt) {

  public static final int CURRENT_SCHEMA_VERSION = 1;

  public JobMessage {
    Objects.requireNonNull(video, "video");
    options = options == null ? JobOptions.defaults() : options;
  }

  public static JobMessage of(JobId jobId, String video, JobOptions options, Instant submittedAt) {
    return new JobMessage(CURRENT_SCHEMA_VERSION, jobId, video, options, submittedAt);
  }
}
