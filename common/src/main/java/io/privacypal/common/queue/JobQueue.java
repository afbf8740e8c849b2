package io.privacypal.common.queue;

import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends job messages to the SQS job queue: one at a time, or ten per request for batches. */
public final class JobQueue {
  public static final int MAX_BATCH = 10;

  private final SqsClient sqs;
  private final String queueUrl;
  private final JobMessageCodec codec = new JobMessageCodec();

  public JobQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  public String queueUrl() {
    return queueUrl;
  }

  /** Returns the SQS message id. */
  public String send(JobMessage message) {
    return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(codec.encode(message)))
        .messageId();
  }

  /**
   * Asks SQS for the queue's attributes: a cheap call that proves the queue exists and the
   * credentials may use it. Throws the SDK's exception when it cannot.
   */
  public void ping() {
    sqs.getQueueAttributes(
        b ->
            b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  /** Sends up to ten messages in one request; returns the ones SQS refused, with the reason. */
  public List<BatchResultErrorEntry> sendBatch(List<JobMessage> messages) {
    if (messages.size() > MAX_BATCH) {
      throw new IllegalArgumentException("SQS takes at most " + MAX_BATCH + " messages a batch");
    }
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageBody(codec.encode(messages.get(i)))
              .build());
    }
    SendMessageBatchResponse response =
        sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    return response.failed();
  }
}
