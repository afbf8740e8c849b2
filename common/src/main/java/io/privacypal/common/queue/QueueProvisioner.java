package io.privacypal.common.queue;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the job queue and its dead-letter queue (idempotent: SQS returns the existing queue when
 * the attributes match). The dead-letter queue keeps messages longer than the job queue, since a
 * message keeps its first enqueue time when it moves there.
 */
public final class QueueProvisioner {
  public static final int DEFAULT_MAX_RECEIVE_COUNT = 3;
  public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 90;
  static final int FOUR_DAYS = 4 * 24 * 3600;
  static final int FOURTEEN_DAYS = 14 * 24 * 3600;

  private final SqsClient sqs;

  public QueueProvisioner(SqsClient sqs) {
    this.sqs = sqs;
  }

  public record Queues(String queueUrl, String deadLetterQueueUrl, String deadLetterQueueArn) {}

  public Queues create(
      String queueName, String deadLetterName, int maxReceiveCount, int visibilityTimeoutSeconds) {
    if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new IllegalArgumentException("maxReceiveCount must be 1..1000, got " + maxReceiveCount);
    }
    String dlqUrl =
        sqs.createQueue(
                b ->
                    b.queueName(deadLetterName)
                        .attributes(
                            Map.of(
                                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                                Integer.toString(FOURTEEN_DAYS))))
            .queueUrl();
    String dlqArn =
        sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String redrive = new RedrivePolicy(dlqArn, maxReceiveCount).toJson();
    String queueUrl =
        sqs.createQueue(
                b ->
                    b.queueName(queueName)
                        .attributes(
                            Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(visibilityTimeoutSeconds),
                                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                                Integer.toString(FOUR_DAYS),
                                QueueAttributeName.REDRIVE_POLICY,
                                redrive)))
            .queueUrl();
    return new Queues(queueUrl, dlqUrl, dlqArn);
  }
}
