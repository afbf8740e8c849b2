package io.privacypal.app.cli;

import io.privacypal.app.ops.BatchEnqueuer;
import io.privacypal.app.ops.VideoSelection;
import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.config.DirectoryStorageSettings;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.json.Json;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.common.storage.Storage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code privacypal enqueue FILE|DIR|GLOB...}: batch reprocessing through the job queue. */
@Command(
    name = "enqueue",
    description =
        "One job per video, sent ten per SendMessageBatch; the job option flags apply to all.")
final class EnqueueCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "VIDEO",
      description = "FILE, DIRECTORY, 'GLOB' or s3://bucket/key")
  List<String> selection;

  @Mixin JobOptionsFlags job;
  @Mixin QueueOptions queue;
  @Mixin StorageOptions storage;
  @Mixin AwsOptions aws;

  @Override
  public Integer call() throws Exception {
    ConfigSource config = CommandSettings.of(spec);
    JobOptions options = JobOptionsFlags.read(config);
    DirectoryStorageSettings storageSettings = DirectoryStorageSettings.from(config);
    List<String> videos =
        new VideoSelection(storageSettings.videoDirectory(), storageSettings.outputDirectory())
            .select(selection);
    if (videos.isEmpty()) {
      System.err.println("privacypal: no videos matched " + selection);
      return 1;
    }
    Storage storage = Storage.from(config);
    try (SqsClient sqs = new AwsClientFactory(config).sqs()) {
      JobQueue queue = new JobQueue(sqs, QueueSettings.from(config).queueUrl());
      TerminalProgress bar = new TerminalProgress("enqueue");
      BatchEnqueuer.Result result =
          new BatchEnqueuer(queue, storage.statuses(), Clock.systemUTC())
              .enqueue(
                  videos,
                  options,
                  done -> bar.update(done / (double) videos.size(), done + "/" + videos.size()));
      bar.done();
      result.failures().forEach(f -> System.err.println("privacypal: not sent: " + f));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("matched", videos.size());
      summary.put("sent", result.sent().size());
      summary.put("failed", result.failures().size());
      summary.put("jobIds", result.sent());
      System.out.println(Json.write(summary));
      return result.failures().isEmpty() ? 0 : 1;
    }
  }
}
