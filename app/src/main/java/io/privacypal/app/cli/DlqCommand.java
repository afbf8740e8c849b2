package io.privacypal.app.cli;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.json.Json;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.deadletter.DeadLetterEntry;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import io.privacypal.worker.queue.deadletter.RedriveResult;
import io.privacypal.worker.queue.deadletter.StrandedResult;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code privacypal dlq list|redrive|fail-stranded [--limit=N]}: see or move back the dead-letter
 * queue, or fail now the jobs SQS left there (as workers do every PRIVACYPAL_STRANDED_SWEEP_SECONDS).
 * {@code list} stays read-only: an operator looking must not change what the user sees.
 */
final class DlqCommand implements Command {

  @Override
  public int run(CommandLine line) {
    String action = line.arguments().isEmpty() ? "" : line.arguments().get(0);
    int limit = line.config().getInt("PRIVACYPAL_LIMIT", 100);
    String queueUrl = QueueSettings.from(line.config()).queueUrl();
    try (SqsClient sqs = new AwsClientFactory(line.config()).sqs()) {
      DeadLetterQueue dlq =
          DeadLetterQueue.of(sqs, queueUrl, Storage.from(line.config()).statuses(), Clock.systemUTC());
      switch (action) {
        case "list" -> {
          for (DeadLetterEntry entry : dlq.list(limit)) {
            System.out.println(Json.write(entry));
          }
          return 0;
        }
        case "redrive" -> {
          RedriveResult result = dlq.redrive(limit);
          System.out.println(Json.write(result));
          return 0;
        }
        case "fail-stranded" -> {
          // Quiet for a visibility timeout: a status written more recently has a live worker.
          StrandedResult result =
              dlq.failStranded(limit, ConsumerSettings.from(line.config()).visibilityTimeout());
          System.out.println(Json.write(result));
          return 0;
        }
        default -> throw new UsageException(
            "usage: privacypal dlq list|redrive|fail-stranded [--limit=100]");
      }
    }
  }
}
