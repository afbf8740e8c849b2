package io.privacypal.common.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJobStatusStoreTest extends JobStatusStoreContract {
  @TempDir Path dir;

  @Override
  protected JobStatusStore openStore() {
    return new FileJobStatusStore(dir);
  }

  @Override
  protected void plantUnreadableStatus(String id) {
    try {
      Files.writeString(dir.resolve("jobs").resolve(id + ".json"), "{\"jobId\": \"half a stat");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The file store locks instead of retrying, so every one of many racing writes lands. */
  @Test
  void everyOneOfManyRacingWritesFromTwoStoresOnOneDirectoryLands() throws Exception {
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
}
