package io.privacypal.worker.queue.deadletter;

import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.JobFailure;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.message.MalformedMessageException;
import io.privacypal.common.queue.RedrivePolicy;
import io.privacypal.common.status.JobNotFoundException;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.MessageBodies;
import io.privacypal.worker.queue.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The job queue's dead-letter queue: where workers move messages that can never succeed, and what
 * operators list and redrive. A message a worker moves carries why in message attributes; one that
 * SQS moved itself (its RedrivePolicy, after a worker crashed on every attempt) carries none.
 */
public final class DeadLetterQueue {
  static final String REASON = "privacypal-reason";
  static final String JOB_ID = "privacypal-job-id";
  static final String SOURCE_MESSAGE_ID = "privacypal-source-message-id";
  static final String RECEIVE_COUNT = "privacypal-receive-count";
  static final String FIRST_SENT = "privacypal-first-sent";
  private static final int MAX_REASON_CHARS = 1000;

  /** Long enough to read a batch, short enough that a crashed listing hides nothing for long. */
  private static final Duration PEEK_VISIBILITY = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(DeadLetterQueue.class);

  private final SqsClient sqs;
  private final String jobQueueUrl;
  private final String deadLetterQueueUrl;
  private final JobStatusStore statuses;
  private final Clock clock;
  private final JobMessageCodec codec = new JobMessageCodec();

  public DeadLetterQueue(
      SqsClient sqs,
      String jobQueueUrl,
      String deadLetterQueueUrl,
      JobStatusStore statuses,
      Clock clock) {
    this.sqs = sqs;
    this.jobQueueUrl = jobQueueUrl;
    this.deadLetterQueueUrl = deadLetterQueueUrl;
    this.statuses = statuses;
    this.clock = clock;
  }

  /** Finds the dead-letter queue through the job queue's RedrivePolicy. */
  public static DeadLetterQueue of(
      SqsClient sqs, String jobQueueUrl, JobStatusStore statuses, Clock clock) {
    String url =
        RedrivePolicy.of(sqs, jobQueueUrl)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the job queue "
                            + jobQueueUrl
                            + " has no RedrivePolicy naming a dead-letter queue"))
            .deadLetterQueueUrl(sqs);
    return new DeadLetterQueue(sqs, jobQueueUrl, url, statuses, clock);
  }

  public String url() {
    return deadLetterQueueUrl;
  }

  /** Sends the message here with the reason, then deletes it from the job queue. */
  public void moveFrom(QueueMessage message, String reason, JobId jobId) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put(REASON, string(truncate(reason)));
    attributes.put(SOURCE_MESSAGE_ID, string(message.messageId()));
    attributes.put(RECEIVE_COUNT, number(message.receiveCount()));
    if (jobId != null) {
      attributes.put(JOB_ID, string(jobId.value()));
    }
    if (message.sentAt() != null) {
      attributes.put(FIRST_SENT, number(message.sentAt().toEpochMilli()));
    }
    // Send before delete: a crash between the two leaves a duplicate, never a lost message.
    sqs.sendMessage(
        b ->
            b.queueUrl(deadLetterQueueUrl)
                .messageBody(
                    message.body() == null || message.body().isEmpty() ? "(empty)" : message.body())
                .messageAttributes(attributes));
    sqs.deleteMessage(b -> b.queueUrl(jobQueueUrl).receiptHandle(message.receiptHandle()));
  }

  /** Up to {@code limit} dead letters, without consuming them: each is made visible again. */
  public List<DeadLetterEntry> list(int limit) {
    Map<String, Message> seen = receiveDistinct(limit);
    try {
      return seen.values().stream().map(this::entry).toList();
    } finally {
      seen.values().forEach(m -> makeVisible(m));
    }
  }

  /**
   * Moves up to {@code limit} dead letters back to the job queue. A job whose status is FAILED goes
   * back to QUEUED first, so the worker that receives the message processes it instead of deleting
   * it as finished. Malformed bodies stay here: they would only come back.
   */
  public RedriveResult redrive(int limit) {
    Map<String, Message> seen = receiveDistinct(limit);
    int moved = 0;
    List<String> requeued = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Message> keep = new ArrayList<>();
    try {
      for (Message message : seen.values()) {
        Optional<JobId> jobId = jobIdOf(message);
        String body =
            jobId.map(id -> MessageBodies.withJobId(message.body(), id)).orElse(message.body());
        try {
          codec.decode(body);
        } catch (MalformedMessageException e) {
          skipped.add(message.messageId() + ": " + e.getMessage());
          keep.add(message);
          continue;
        }
        jobId.filter(this::requeueIfFailed).ifPresent(id -> requeued.add(id.value()));
        sqs.sendMessage(b -> b.queueUrl(jobQueueUrl).messageBody(body));
        sqs.deleteMessage(
            b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
        moved++;
        log.info(
            "redrove dead letter {} (job {}) to the job queue",
            message.messageId(),
            jobId.orElse(null));
      }
    } finally {
      keep.forEach(this::makeVisible);
    }
    return new RedriveResult(moved, requeued, skipped);
  }

  /**
   * Fails the jobs of up to {@code limit} dead letters whose status is still QUEUED or PROCESSING:
   * SQS moved their messages after a worker crashed on every attempt, so no worker will write their
   * status again. The messages stay here, visible again, for {@code dlq redrive}. A status written
   * within {@code quietFor} is left alone: a worker still holds that job (its heartbeat writes
   * every half visibility timeout), as a last attempt does that outlived SQS's 12-hour cap.
   */
  public StrandedResult failStranded(int limit, Duration quietFor) {
    Map<String, Message> seen = receiveDistinct(limit);
    List<String> failed = new ArrayList<>();
    try {
      for (Message message : seen.values()) {
        jobIdOf(message)
            .filter(id -> failIfStranded(id, message, quietFor))
            .ifPresent(id -> failed.add(id.value()));
      }
    } finally {
      seen.values().forEach(this::makeVisible);
    }
    return new StrandedResult(seen.size(), failed);
  }

  private boolean failIfStranded(JobId jobId, Message message, Duration quietFor) {
    Optional<JobStatus> found = statuses.find(jobId);
    if (found.isEmpty() || found.get().isTerminal()) {
      return false;
    }
    JobFailure failure = strandedFailure(message, found.get().attempt());
    Instant now = clock.instant();
    JobStatus written;
    try {
      // Checked again inside the atomic update: a redrive or a worker may have moved it meanwhile.
      written =
          statuses.update(
              jobId,
              s ->
                  s.isTerminal() || s.updatedAt().isAfter(now.minus(quietFor))
                      ? s
                      : s.failed(failure, now));
    } catch (JobNotFoundException e) {
      return false;
    }
    if (written.failure() != failure) { // the very object only when this call wrote it
      return false;
    }
    MDC.put("jobId", jobId.value());
    try {
      log.warn("job {} failed: {}", jobId, failure.reason());
    } finally {
      MDC.remove("jobId");
    }
    return true;
  }

  private static JobFailure strandedFailure(Message m, int attempts) {
    String why =
        attribute(m.messageAttributes(), REASON)
            .orElse(
                "the worker stopped (killed or crashed) on each of its "
                    + (attempts > 0 ? attempts + " " : "")
                    + "attempts");
    return JobFailure.of(
        FailureKind.RETRIES_EXHAUSTED,
        why + "; the message is in the dead-letter queue: `privacypal dlq redrive` runs it again");
  }

  private boolean requeueIfFailed(JobId jobId) {
    if (statuses.find(jobId).filter(s -> s.state() == JobState.FAILED).isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    statuses.update(jobId, s -> s.state() == JobState.FAILED ? s.requeued(s.failure(), now) : s);
    return true;
  }

  private Map<String, Message> receiveDistinct(int limit) {
    Map<String, Message> seen = new LinkedHashMap<>();
    while (seen.size() < limit) {
      int max = Math.min(ConsumerSettings.MAX_MESSAGES_PER_RECEIVE, limit - seen.size());
      List<Message> batch =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(deadLetterQueueUrl)
                          .maxNumberOfMessages(max)
                          .waitTimeSeconds(1)
                          .visibilityTimeout((int) PEEK_VISIBILITY.toSeconds())
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                          .messageAttributeNames("All"))
              .messages();
      boolean fresh = false;
      for (Message m : batch) {
        fresh |= seen.putIfAbsent(m.messageId(), m) == null;
      }
      if (!fresh) {
        break;
      }
    }
    return seen;
  }

  private DeadLetterEntry entry(Message m) {
    Map<String, MessageAttributeValue> attrs = m.messageAttributes();
    String reason =
        attribute(attrs, REASON).orElse("exceeded the queue's maxReceiveCount (moved by SQS)");
    int receiveCount =
        attribute(attrs, RECEIVE_COUNT)
            .or(
                () ->
                    Optional.ofNullable(
                        m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
            .map(Integer::parseInt)
            .orElse(0);
    Instant firstSent =
        attribute(attrs, FIRST_SENT)
            .or(
                () ->
                    Optional.ofNullable(
                        m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)))
            .map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)))
            .orElse(null);
    return new DeadLetterEntry(
        m.messageId(),
        jobIdOf(m).map(JobId::value).orElse(null),
        MessageBodies.video(m.body()).orElse(null),
        reason,
        receiveCount,
        firstSent,
        m.body());
  }

  /** The body's jobId, else the one a worker recorded, else the id a minimal message ran under. */
  private Optional<JobId> jobIdOf(Message m) {
    return MessageBodies.jobId(m.body())
        .or(() -> attribute(m.messageAttributes(), JOB_ID).filter(JobId::isValid).map(JobId::of))
        .or(
            () ->
                Optional.of(m.messageId())
                    .filter(JobId::isValid)
                    .map(JobId::of)
                    .filter(id -> statuses.find(id).isPresent()));
  }

  private void makeVisible(Message m) {
    sqs.changeMessageVisibility(
        b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
  }

  private static Optional<String> attribute(Map<String, MessageAttributeValue> attrs, String name) {
    return Optional.ofNullable(attrs.get(name)).map(MessageAttributeValue::stringValue);
  }

  private static MessageAttributeValue string(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue number(long value) {
    return MessageAttributeValue.builder()
        .dataType("Number")
        .stringValue(Long.toString(value))
        .build();
  }

  private static String truncate(String reason) {
    String text = reason == null || reason.isBlank() ? "no reason given" : reason;
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
  }
}
