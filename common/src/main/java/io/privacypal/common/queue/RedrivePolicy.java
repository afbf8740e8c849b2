package io.privacypal.common.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privacypal.common.json.Json;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue's RedrivePolicy: SQS moves a message received {@code maxReceiveCount} times to the queue
 * named by {@code deadLetterTargetArn}. The one reader and writer of the attribute's JSON.
 */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

  /** The policy of the queue at {@code queueUrl}; empty when it names no dead-letter queue. */
  public static Optional<RedrivePolicy> of(SqsClient sqs, String queueUrl) {
    return parse(
        sqs.getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
            .attributes()
            .get(QueueAttributeName.REDRIVE_POLICY));
  }

  /**
   * Reads the attribute's value; empty when it is blank or names no dead-letter queue.
   *
   * @throws IllegalStateException when the value is not JSON
   */
  public static Optional<RedrivePolicy> parse(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    JsonNode policy;
    try {
      policy = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the RedrivePolicy is not JSON: " + json, e);
    }
    // SQS writes maxReceiveCount as a string, CloudFormation as a number: asInt reads both.
    RedrivePolicy read =
        new RedrivePolicy(
            policy.path("deadLetterTargetArn").asText(""), policy.path("maxReceiveCount").asInt(0));
    return read.deadLetterQueueName().isBlank() ? Optional.empty() : Optional.of(read);
  }

  /** The last part of the ARN: the dead-letter queue's name. */
  public String deadLetterQueueName() {
    return deadLetterTargetArn.substring(deadLetterTargetArn.lastIndexOf(':') + 1);
  }

  public String deadLetterQueueUrl(SqsClient sqs) {
    return sqs.getQueueUrl(b -> b.queueName(deadLetterQueueName())).queueUrl();
  }

  /** The attribute's value, as SQS itself writes it. */
  public String toJson() {
    ObjectNode policy = Json.mapper().createObjectNode();
    policy.put("deadLetterTargetArn", deadLetterTargetArn);
    policy.put("maxReceiveCount", Integer.toString(maxReceiveCount));
    return Json.write(policy);
  }
}
