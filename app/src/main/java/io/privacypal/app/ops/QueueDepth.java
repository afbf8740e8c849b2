package io.privacypal.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        deadLetterQueueUrl(sqs, attributes.get(QueueAttributeName.REDRIVE_POLICY))
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

  /** The DLQ named by a queue's RedrivePolicy, if it has one. */
  public static Optional<String> deadLetterQueueUrl(SqsClient sqs, String redrivePolicy) {
    if (redrivePolicy == null || redrivePolicy.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode policy = Json.mapper().readTree(redrivePolicy);
      String arn = policy.path("deadLetterTargetArn").asText("");
      if (arn.isEmpty()) {
        return Optional.empty();
      }
      String name = arn.substring(arn.lastIndexOf(':') + 1);
      return Optional.of(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable RedrivePolicy: " + redrivePolicy, e);
    }
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }
}
