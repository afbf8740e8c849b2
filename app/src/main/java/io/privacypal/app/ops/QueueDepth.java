package io.privacypal.app.ops;

import io.privacypal.common.queue.RedrivePolicy;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How much work is waiting: visible, in flight and delayed messages, and the dead-letter count. */
public record QueueDepth(long visible, long inFlight, long delayed, Optional<Long> deadLetters) {

  public static QueueDepth of(SqsClient sqs, String queueUrl) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
            .attributes();
    Optional<Long> deadLetters =
        RedrivePolicy.parse(attributes.get(QueueAttributeName.REDRIVE_POLICY))
            .map(policy -> policy.deadLetterQueueUrl(sqs))
            .map(
                dlq ->
                    count(
                        sqs.getQueueAttributes(
                                b ->
                                    b.queueUrl(dlq)
                                        .attributeNames(
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            .attributes(),
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    return new QueueDepth(
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
        deadLetters);
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }
}
