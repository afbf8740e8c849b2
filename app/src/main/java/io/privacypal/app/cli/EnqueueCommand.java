package io.privacypal.app.cli;

import io.privacypal.app.ops.BatchEnqueuer;
import io.privacypal.app.ops.VideoSelection;
import io.privacypal.common.config.AwsClientFactory;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code privacypal enqueue FILE|DIR|GLOB...}: batch reprocessing through the job queue. */
final class EnqueueCommand implements Command {

  @Override
  public int run(CommandLine line) throws Exception {
    if (line.arguments().isEmpty()) {
      throw new UsageException(
          "usage: privacypal enqueue FILE|DIRECTORY|'GLOB'|s3://bucket/key... [--options-json '{...}']");
    }
    DirectoryStorageSettings storageSettings = DirectoryStorageSettings.from(line.config());
    List<String> videos =
        new VideoSelection(storageSettings.videoDirectory(), storageSettings.outputDirectory())
            .select(line.arguments());
    if (videos.isEmpty()) {
      System.err.println("privacypal: no videos matched " + line.arguments());
      return 1;
    }
    JobOptions options =
        Json.mapper()
            .readValue(line.config().get("PRIVACYPAL_OPTIONS_JSON", "{}"), JobOptions.class);
    Storage storage = Storage.from(line.config());
    try (SqsClient sqs = new AwsClientFactory(line.config()).sqs()) {
      JobQueue queue = new JobQueue(sqs, QueueSettings.from(line.config()).queueUrl());
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
