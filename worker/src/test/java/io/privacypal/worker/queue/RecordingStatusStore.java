package io.privacypal.worker.queue;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.status.IdempotencyClaim;
import io.privacypal.common.status.JobStatusStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A real store that also records, for every write, what the test wants to know at that moment. */
public final class RecordingStatusStore<T> implements JobStatusStore {
  private final JobStatusStore delegate;
  private final Function<JobStatus, T> observe;
  public final List<T> observed = new CopyOnWriteArrayList<>();

  public RecordingStatusStore(JobStatusStore delegate, Function<JobStatus, T> observe) {
    this.delegate = delegate;
    this.observe = observe;
  }

  @Override
  public JobStatus createIfAbsent(JobStatus initial) {
    return delegate.createIfAbsent(initial);
  }

  @Override
  public Optional<JobStatus> find(JobId jobId) {
    return delegate.find(jobId);
  }

  @Override
  public JobStatus update(JobId jobId, UnaryOperator<JobStatus> change) {
    JobStatus written = delegate.update(jobId, change);
    observed.add(observe.apply(written));
    return written;
  }

  @Override
  public Optional<JobStatus> latestForVideo(String client, String video) {
    return delegate.latestForVideo(client, video);
  }

  @Override
  public List<JobStatus> recent(int limit) {
    return delegate.recent(limit);
  }

  @Override
  public Optional<IdempotencyClaim> claimIdempotencyKey(String key, IdempotencyClaim claim) {
    return delegate.claimIdempotencyKey(key, claim);
  }

  @Override
  public void releaseIdempotencyKey(String key) {
    delegate.releaseIdempotencyKey(key);
  }
}
