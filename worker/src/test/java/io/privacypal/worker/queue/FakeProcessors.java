package io.privacypal.worker.queue;

import io.privacypal.common.job.JobStats;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.JobCancelledException;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.ProgressListener;
import io.privacypal.worker.pipeline.VideoProcessor;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written processors for the queue tests; none decodes video. */
public final class FakeProcessors {
  public static final JobStats STATS = new JobStats(250, 25, 10.0, 0.5);

  private FakeProcessors() {}

  /** Writes a small output file and succeeds. */
  public static JobStats writeOutput(PipelineRequest request) throws java.io.IOException {
    Files.writeString(request.output(), "anonymized " + request.input().getFileName());
    return STATS;
  }

  /**
   * Writes its output, reports progress, then holds until the test releases it (then succeeds) or
   * the job is cancelled (then removes nothing itself and throws, as the pipeline does).
   */
  public static final class Holding implements VideoProcessor {
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger concurrent = new AtomicInteger();
    public final AtomicInteger maxConcurrent = new AtomicInteger();
    public final AtomicInteger cancelled = new AtomicInteger();
    public final AtomicInteger finished = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    public volatile java.nio.file.Path lastOutput;

    public void release() {
      release.countDown();
    }

    @Override
    public JobStats process(PipelineRequest request, ProgressListener progress, Cancellation cancel)
        throws Exception {
      calls.incrementAndGet();
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      CountDownLatch stop = new CountDownLatch(1);
      cancel.onCancel(stop::countDown);
      try {
        lastOutput = request.output();
        Files.writeString(request.output(), "partial");
        progress.onProgress(0.5, new JobStats(100, 10, 4.0, 0.2));
        while (!release.await(10, TimeUnit.MILLISECONDS)) {
          if (stop.await(0, TimeUnit.MILLISECONDS)) {
            cancelled.incrementAndGet();
            throw new JobCancelledException(cancel.reason());
          }
        }
        return writeOutput(request);
      } finally {
        concurrent.decrementAndGet();
        finished.incrementAndGet();
      }
    }
  }
}
