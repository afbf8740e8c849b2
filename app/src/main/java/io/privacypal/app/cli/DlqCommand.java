package io.privacypal.app.cli;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.json.Json;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import io.privacypal.worker.queue.ConsumerSettings;
import io.privacypal.worker.queue.deadletter.DeadLetterEntry;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code privacypal dlq list|redrive|fail-stranded [--limit=N]}: see or move back the dead-letter
 * queue, or fail now the jobs SQS left there (as workers do every
 * PRIVACYPAL_STRANDED_SWEEP_SECONDS). {@code list} stays read-only: an operator looking must not
 * change what the user sees.
 */
@Command(
    name = "dlq",
    description = "Inspect or move back the dead-letter queue, or fail the jobs SQS dead-lettered.",
    subcommands = {DlqCommand.List.class, DlqCommand.Redrive.class, DlqCommand.FailStranded.class})
final class DlqCommand {

  /** What the three actions share: the queue, its statuses, and how many messages at most. */
  abstract static class Action implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin QueueOptions queue;
    @Mixin StorageOptions storage;
    @Mixin AwsOptions aws;

    @Option(names = "--limit", paramLabel = "N", description = "messages at most (default 100)")
    Integer limit;

    @Override
    public Integer call() {
      ConfigSource config = CommandSettings.of(spec);
      try (SqsClient sqs = new AwsClientFactory(config).sqs()) {
        DeadLetterQueue dlq =
            DeadLetterQueue.of(
                sqs,
                QueueSettings.from(config).queueUrl(),
                Storage.from(config).statuses(),
                Clock.systemUTC());
        run(dlq, config.getInt("PRIVACYPAL_LIMIT", 100), config);
        return 0;
      }
    }

    abstract void run(DeadLetterQueue dlq, int limit, ConfigSource config);
  }

  @Command(
      name = "list",
      description = "The dead-lettered messages, one JSON object a line; changes nothing.")
  static final class List extends Action {
    @Override
    void run(DeadLetterQueue dlq, int limit, ConfigSource config) {
      for (DeadLetterEntry entry : dlq.list(limit)) {
        System.out.println(Json.write(entry));
      }
    }
  }

  @Command(
      name = "redrive",
      description = "Move the messages back to the job queue; failed jobs go back to QUEUED.")
  static final class Redrive extends Action {
    @Override
    void run(DeadLetterQueue dlq, int limit, ConfigSource config) {
      System.out.println(Json.write(dlq.redrive(limit)));
    }
  }

  @Command(
      name = "fail-stranded",
      description =
          "Fail now the QUEUED/PROCESSING jobs whose messages SQS dead-lettered; the messages stay.")
  static final class FailStranded extends Action {
    @Mixin DeliveryOptions delivery;

    @Override
    void run(DeadLetterQueue dlq, int limit, ConfigSource config) {
      // Quiet for a visibility timeout: a status written more recently has a live worker.
      System.out.println(
          Json.write(dlq.failStranded(limit, ConsumerSettings.from(config).visibilityTimeout())));
    }
  }
}
