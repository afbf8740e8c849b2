package io.privacypal.worker.queue;

import java.time.Instant;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One received SQS message with what the worker needs of it.
 *
 * @param receiveCount SQS's ApproximateReceiveCount: 1 on the first delivery; the job's attempt
 * @param sentAt when the message was first sent (SentTimestamp), null if SQS did not say
 * @param receivedAt when this worker received it: SQS's 12-hour visibility cap counts from here
 */
public record QueueMessage(
    String messageId,
    String receiptHandle,
    String body,
    int receiveCount,
    Instant sentAt,
    Instant receivedAt) {

  static QueueMessage of(Message message, Instant receivedAt) {
    String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    return new QueueMessage(
        message.messageId(),
        message.receiptHandle(),
        message.body(),
        count == null ? 1 : Integer.parseInt(count),
        sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
        receivedAt);
  }
}
