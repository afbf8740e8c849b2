package io.privacypal.app.ops;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.JobStatusStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;

/**
 * Batch reprocessing: one job per video, sent ten to a SendMessageBatch request. Each job's first
 * status is written before its message is sent, as the gateway does, so it can be polled at once.
 */
public final class BatchEnqueuer {
  private final JobQueue queue;
  private final JobStatusStore statuses;
  private final Clock clock;

  public BatchEnqueuer(JobQueue queue, JobStatusStore statuses, Clock clock) {
    this.queue = queue;
    this.statuses = statuses;
    this.clock = clock;
  }

  public record Result(List<JobId> sent, List<String> failures) {}

  /**
   * @param progress told the number of videos handled so far, after each batch
   */
  public Result enqueue(List<String> videos, JobOptions options, IntConsumer progress) {
    List<JobId> sent = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int start = 0; start < videos.size(); start += JobQueue.MAX_BATCH) {
      List<String> chunk =
          videos.subList(start, Math.min(videos.size(), start + JobQueue.MAX_BATCH));
      List<JobMessage> messages = new ArrayList<>();
      for (String video : chunk) {
        JobId id = JobId.random();
        statuses.createIfAbsent(JobStatus.queued(id, video, options, clock.instant()));
        messages.add(JobMessage.of(id, video, options, clock.instant()));
      }
      List<BatchResultErrorEntry> refused = queue.sendBatch(messages);
      List<Integer> refusedIndexes = new ArrayList<>();
      for (BatchResultErrorEntry error : refused) {
        int index = Integer.parseInt(error.id());
        refusedIndexes.add(index);
        failures.add(chunk.get(index) + ": " + error.code() + " " + error.message());
      }
      for (int i = 0; i < messages.size(); i++) {
        if (!refusedIndexes.contains(i)) {
          sent.add(messages.get(i).jobId());
        }
      }
      progress.accept(start + chunk.size());
    }
    return new Result(sent, failures);
  }
}
