package io.privacypal.worker.queue;

import io.privacypal.common.message.JobMessage;
import io.privacypal.common.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The job queue as the worker uses it: receive, delete, and move a message's visibility. (The
 * gateway and the enqueue command send to the same queue through {@link
 * io.privacypal.common.queue.JobQueue}.)
 */
public final class JobQueueReceiver {
  private final SqsClient sqs;
  private final String queueUrl;
  private final Clock clock;

  public JobQueueReceiver(SqsClient sqs, String queueUrl, Clock clock) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.clock = clock;
  }

  public String url() {
    return queueUrl;
  }

  public List<QueueMessage> receive(int max, Duration wait, Duration visibility) {
    var response =
        sqs.receiveMessage(
            b ->
                b.queueUrl(queueUrl)
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds((int) wait.toSeconds())
                    .visibilityTimeout((int) visibility.toSeconds())
                    .messageSystemAttributeNames(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP)
                    .messageAttributeNames("All"));
    var now = clock.instant();
    return response.messages().stream().map(m -> QueueMessage.of(m, now)).toList();
  }

  /**
   * Sends {@code messages} ten a batch ({@code SendMessageBatch}).
   *
   * @throws IllegalStateException when SQS refused any; sending them all again is safe, as every
   *     receiver checks a message against the stored job
   */
  public void sendAll(List<JobMessage> messages) {
    JobQueue sender = new JobQueue(sqs, queueUrl);
    for (int from = 0; from < messages.size(); from += JobQueue.MAX_BATCH) {
      var refused =
          sender.sendBatch(
              messages.subList(from, Math.min(messages.size(), from + JobQueue.MAX_BATCH)));
      if (!refused.isEmpty()) {
        throw new IllegalStateException(
            "SQS refused " + refused.size() + " messages: " + refused.get(0).message());
      }
    }
  }

  public void delete(QueueMessage message) {
    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
  }

  /** Hides the message for {@code visibility} from now; zero makes it visible at once. */
  public void changeVisibility(QueueMessage message, Duration visibility) {
    sqs.changeMessageVisibility(
        b ->
            b.queueUrl(queueUrl)
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout((int) visibility.toSeconds()));
  }
}
