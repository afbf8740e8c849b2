package io.privacypal.common.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.IllegalJobTransitionException;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJobStatusStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private JobStatus aQueuedJob(String id, String video, Instant at) {
    return JobStatus.queued(JobId.of(id), video, JobOptions.defaults(), at);
  }

  @Test
  void aCreatedStatusCanBeFoundByIdAndByVideo() {
    FileJobStatusStore store = new FileJobStatusStore(dir);
    store.createIfAbsent(aQueuedJob("j1", "clip.mp4", T0));
    store.createIfAbsent(aQueuedJob("j2", "clip.mp4", T0.plusSeconds(5)));

    assertThat(store.find(JobId.of("j1"))).map(JobStatus::video).contains("clip.mp4");
    assertThat(store.latestForVideo("clip.mp4")).map(s -> s.jobId().value()).contains("j2");
    assertThat(store.latestForVideo("other.mp4")).isEmpty();
    assertThat(store.find(JobId.of("missing"))).isEmpty();
  }

  @Test
  void creatingTheSameJobTwiceKeepsTheFirst() {
    FileJobStatusStore store = new FileJobStatusStore(dir);
    store.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));

    JobStatus second = store.createIfAbsent(aQueuedJob("j1", "b.mp4", T0));

    assertThat(second.video()).isEqualTo("a.mp4");
  }

  @Test
  void anIllegalChangeWritesNothing() {
    FileJobStatusStore store = new FileJobStatusStore(dir);
    store.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));
    store.update(JobId.of("j1"), s -> s.processing(1, "w", T0).succeeded("o", null, T0));

    assertThatThrownBy(() -> store.update(JobId.of("j1"), s -> s.processing(2, "w", T0)))
        .isInstanceOf(IllegalJobTransitionException.class);
    assertThat(store.find(JobId.of("j1")).orElseThrow().version()).isEqualTo(3);
    assertThatThrownBy(() -> store.update(JobId.of("nope"), s -> s))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void concurrentWritersFromTwoStoresOnOneDirectoryLoseNoUpdate() throws Exception {
    FileJobStatusStore first = new FileJobStatusStore(dir);
    FileJobStatusStore second = new FileJobStatusStore(dir);
    first.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));
    first.update(JobId.of("j1"), s -> s.processing(1, "w", T0));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      FileJobStatusStore store = i % 2 == 0 ? first : second;
      writes.add(pool.submit(() -> store.update(JobId.of("j1"), s -> s.progressed(0.1, null, T0))));
    }
    for (Future<?> write : writes) {
      write.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(first.find(JobId.of("j1")).orElseThrow().version()).isEqualTo(2 + 200);
    try (var files = Files.list(dir.resolve("jobs"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void recentListsNewestFirst() {
    FileJobStatusStore store = new FileJobStatusStore(dir);
    store.createIfAbsent(aQueuedJob("old", "a.mp4", T0));
    store.createIfAbsent(aQueuedJob("new", "b.mp4", T0.plusSeconds(60)));

    assertThat(store.recent(10)).extracting(s -> s.jobId().value()).containsExactly("new", "old");
    assertThat(store.recent(1)).hasSize(1);
  }
}
