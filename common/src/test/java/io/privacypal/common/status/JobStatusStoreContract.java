package io.privacypal.common.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.IllegalJobTransitionException;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStatusStore} must do. Implementations' tests extend this and say how to open
 * a store; two stores opened by one test share the same storage, as two processes would.
 */
public abstract class JobStatusStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A store on this test's storage; a second call gives another store on the same storage. */
  protected abstract JobStatusStore openStore();

  protected static JobStatus aQueuedJob(String id, String video, Instant at) {
    return JobStatus.queued(JobId.of(id), video, JobOptions.defaults(), at);
  }

  @Test
  void aCreatedStatusCanBeFoundByIdAndByVideo() {
    JobStatusStore store = openStore();
    store.createIfAbsent(aQueuedJob("j1", "clip.mp4", T0));
    store.createIfAbsent(aQueuedJob("j2", "clip.mp4", T0.plusSeconds(5)));

    assertThat(store.find(JobId.of("j1"))).map(JobStatus::video).contains("clip.mp4");
    assertThat(store.latestForVideo(null, "clip.mp4")).map(s -> s.jobId().value()).contains("j2");
    assertThat(store.latestForVideo(null, "other.mp4")).isEmpty();
    assertThat(store.find(JobId.of("missing"))).isEmpty();
  }

  @Test
  void eachClientHasItsOwnLatestJobForAVideo() {
    JobStatusStore store = openStore();
    store.createIfAbsent(aQueuedJob("operators", "clip.mp4", T0));
    store.createIfAbsent(
        JobStatus.queued(JobId.of("alices"), "clip.mp4", null, T0.plusSeconds(1), "alice"));
    store.createIfAbsent(
        JobStatus.queued(JobId.of("bobs"), "clip.mp4", null, T0.plusSeconds(2), "bob"));

    assertThat(store.latestForVideo("alice", "clip.mp4"))
        .map(s -> s.jobId().value())
        .contains("alices");
    assertThat(store.latestForVideo("bob", "clip.mp4")).map(JobStatus::client).contains("bob");
    assertThat(store.latestForVideo(null, "clip.mp4"))
        .map(s -> s.jobId().value())
        .contains("operators");
    assertThat(store.latestForVideo("carol", "clip.mp4")).isEmpty();
  }

  /** Puts something that is not a status where statuses are kept, as a hand edit might. */
  protected abstract void plantUnreadableStatus(String id);

  @Test
  void oneUnreadableStatusIsLeftOutOfTheRecentOnesNotFatal() {
    JobStatusStore store = openStore();
    store.createIfAbsent(aQueuedJob("j1", "clip.mp4", T0));
    plantUnreadableStatus("broken");
    store.createIfAbsent(aQueuedJob("j2", "clip.mp4", T0.plusSeconds(1)));

    assertThat(store.recent(10)).extracting(s -> s.jobId().value()).containsExactly("j2", "j1");
  }

  @Test
  void aStoredStatusReadsBackEqual() {
    JobStatusStore store = openStore();
    JobStatus created = aQueuedJob("j1", "sub/clip.mov", T0);
    store.createIfAbsent(created);

    assertThat(openStore().find(JobId.of("j1"))).contains(created);
  }

  @Test
  void creatingTheSameJobTwiceKeepsTheFirst() {
    JobStatusStore store = openStore();
    store.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));

    JobStatus second = openStore().createIfAbsent(aQueuedJob("j1", "b.mp4", T0));

    assertThat(second.video()).isEqualTo("a.mp4");
    assertThat(store.find(JobId.of("j1"))).map(JobStatus::video).contains("a.mp4");
  }

  @Test
  void anUpdateIsSeenByEveryStoreOnTheSameStorage() {
    JobStatusStore writer = openStore();
    writer.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));

    JobStatus written =
        writer.update(JobId.of("j1"), s -> s.processing(1, "w1", T0.plusSeconds(1)));

    JobStatus read = openStore().find(JobId.of("j1")).orElseThrow();
    assertThat(read).isEqualTo(written);
    assertThat(read.state()).isEqualTo(JobState.PROCESSING);
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.worker()).isEqualTo("w1");
  }

  @Test
  void anIllegalChangeWritesNothing() {
    JobStatusStore store = openStore();
    store.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));
    store.update(JobId.of("j1"), s -> s.processing(1, "w", T0).succeeded("o", null, T0));

    assertThatThrownBy(() -> store.update(JobId.of("j1"), s -> s.processing(2, "w", T0)))
        .isInstanceOf(IllegalJobTransitionException.class);
    JobStatus after = store.find(JobId.of("j1")).orElseThrow();
    assertThat(after.version()).isEqualTo(3);
    assertThat(after.state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void updatingAnUnknownJobSaysSo() {
    JobStatusStore store = openStore();
    assertThatThrownBy(() -> store.update(JobId.of("nope"), s -> s))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void recentListsNewestFirstUpToTheLimit() {
    JobStatusStore store = openStore();
    store.createIfAbsent(aQueuedJob("old", "a.mp4", T0));
    store.createIfAbsent(aQueuedJob("new", "b.mp4", T0.plusSeconds(60)));
    store.createIfAbsent(aQueuedJob("mid", "a.mp4", T0.plusSeconds(30)));

    assertThat(store.recent(10))
        .extracting(s -> s.jobId().value())
        .containsExactly("new", "mid", "old");
    // At most the limit is read: the most recently changed, then ordered by submission.
    assertThat(store.recent(2))
        .hasSize(2)
        .isSortedAccordingTo(java.util.Comparator.comparing(JobStatus::createdAt).reversed());
  }

  /**
   * Writers on two stores race on one job. An implementation may give up after retrying, but only
   * loudly: every update that returned is in the final version, none is lost.
   */
  @Test
  protected void concurrentWritersOnTwoStoresLoseNoUpdate() throws Exception {
    JobStatusStore first = openStore();
    JobStatusStore second = openStore();
    first.createIfAbsent(aQueuedJob("j1", "a.mp4", T0));
    first.update(JobId.of("j1"), s -> s.processing(1, "w", T0));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      JobStatusStore store = i % 2 == 0 ? first : second;
      writes.add(pool.submit(() -> store.update(JobId.of("j1"), s -> s.progressed(0.1, null, T0))));
    }
    int succeeded = 0;
    for (Future<?> write : writes) {
      try {
        write.get(60, TimeUnit.SECONDS);
        succeeded++;
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(StatusStoreException.class);
      }
    }
    pool.shutdown();

    assertThat(succeeded).isPositive();
    assertThat(first.find(JobId.of("j1")).orElseThrow().version()).isEqualTo(2 + succeeded);
  }

  @Test
  void anIdempotencyKeyIsClaimedOnceAndEveryStoreOnTheStorageSeesTheClaim() {
    JobStatusStore gatewayA = openStore();
    JobStatusStore gatewayB = openStore();
    IdempotencyClaim first = new IdempotencyClaim(JobId.of("j1"), "fingerprint-1");

    assertThat(gatewayA.claimIdempotencyKey("alice\u0000key-1", first)).isEmpty();
    assertThat(
            gatewayB.claimIdempotencyKey(
                "alice\u0000key-1", new IdempotencyClaim(JobId.of("j2"), "f2")))
        .contains(first);
    assertThat(
            gatewayB.claimIdempotencyKey(
                "bob\u0000key-1", new IdempotencyClaim(JobId.of("j3"), "f3")))
        .as("another scope's key is another key")
        .isEmpty();
  }

  @Test
  void aReleasedIdempotencyKeyCanBeClaimedAgain() {
    JobStatusStore store = openStore();
    store.claimIdempotencyKey("key", new IdempotencyClaim(JobId.of("j1"), "f1"));

    store.releaseIdempotencyKey("key");
    store.releaseIdempotencyKey("never-claimed");

    IdempotencyClaim retry = new IdempotencyClaim(JobId.of("j2"), "f2");
    assertThat(store.claimIdempotencyKey("key", retry)).isEmpty();
    assertThat(openStore().claimIdempotencyKey("key", new IdempotencyClaim(JobId.of("j3"), "f3")))
        .contains(retry);
  }

  /** Gateways racing on one key: exactly one claim wins and every other sees that one. */
  @Test
  protected void racingClaimsOfOneKeyHaveExactlyOneWinner() throws Exception {
    List<JobStatusStore> gateways = List.of(openStore(), openStore());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Optional<IdempotencyClaim>>> claims = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      IdempotencyClaim claim = new IdempotencyClaim(JobId.of("j" + i), "f" + i);
      JobStatusStore store = gateways.get(i % 2);
      claims.add(pool.submit(() -> store.claimIdempotencyKey("raced", claim)));
    }
    List<Optional<IdempotencyClaim>> answers = new ArrayList<>();
    for (Future<Optional<IdempotencyClaim>> claim : claims) {
      answers.add(claim.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(answers.stream().filter(Optional::isEmpty)).hasSize(1);
    assertThat(answers.stream().flatMap(Optional::stream).distinct()).hasSize(1);
  }
}
