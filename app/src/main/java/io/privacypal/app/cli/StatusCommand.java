package io.privacypal.app.cli;

import io.privacypal.app.ops.QueueDepth;
import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code privacypal status}: queue depth, in flight, dead letters, and the most recent jobs. */
@Command(name = "status", description = "Queue depth, in flight, dead letters, recent jobs.")
final class StatusCommand implements Callable<Integer> {
  private static final int RECENT = 10;

  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;
  @Mixin StorageOptions storage;
  @Mixin AwsOptions aws;

  @Override
  public Integer call() {
    ConfigSource config = CommandSettings.of(spec);
    String queueUrl = QueueSettings.from(config).queueUrl();
    try (SqsClient sqs = new AwsClientFactory(config).sqs()) {
      QueueDepth depth = QueueDepth.of(sqs, queueUrl);
      System.out.printf(
          "queue %s%n  waiting %d, in flight %d, delayed %d, dead-letter %s%n",
          queueUrl,
          depth.visible(),
          depth.inFlight(),
          depth.delayed(),
          depth.deadLetters().map(String::valueOf).orElse("(no DLQ)"));
    }
    System.out.println("recent jobs:");
    for (JobStatus job : Storage.from(config).statuses().recent(RECENT)) {
      System.out.printf(
          "  %s  %-10s %3.0f%%  %s  %s%s%n",
          job.updatedAt(),
          job.state(),
          job.progress() * 100,
          job.jobId(),
          job.video(),
          job.failure() == null ? "" : "  (" + job.failure().reason() + ")");
    }
    return 0;
  }
}
