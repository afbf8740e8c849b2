package io.privacypal.common.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.JobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VideoStore} must do. Implementations' tests extend this, open a store on fresh
 * storage, and say how to put an input there and how to look at what was published.
 */
public abstract class VideoStoreContract {
  protected VideoStore store;

  /** A store on fresh, empty storage. */
  protected abstract VideoStore openStore() throws IOException;

  /** Places an input video under {@code name}, as a user's upload would. */
  protected abstract void addVideo(String name, byte[] content) throws IOException;

  /** Places a file just outside the store's inputs that no name may reach. */
  protected abstract void addOutsideSecret(byte[] content) throws IOException;

  /** The bytes at a location that {@link PendingOutput#commit()} returned. */
  protected abstract byte[] readPublished(String location) throws IOException;

  /** Everything now in the output area, as locations, including stray temporary files. */
  protected abstract List<String> publishedOutputs() throws IOException;

  @BeforeEach
  void openStoreWithTwoVideos() throws IOException {
    store = openStore();
    addVideo("clip.mp4", bytes("clip"));
    addVideo("sub/inner.mov", bytes("inner"));
    addOutsideSecret(bytes("outside"));
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void videosInTheStoreExistAndOthersDoNot() {
    assertThat(store.exists("clip.mp4")).isTrue();
    assertThat(store.exists("sub/inner.mov")).isTrue();
    assertThat(store.exists("missing.mp4")).isFalse();
    assertThat(store.exists("sub")).isFalse();
  }

  @Test
  void namesThatEscapeTheStoreAreRefused() {
    for (String bad :
        List.of("../secret.mp4", "sub/../../secret.mp4", "/etc/passwd", "", ".", "a\0b")) {
      assertThatThrownBy(() -> store.exists(bad))
          .as(bad)
          .isInstanceOf(InvalidVideoNameException.class);
      assertThatThrownBy(() -> store.fetch(bad))
          .as(bad)
          .isInstanceOf(InvalidVideoNameException.class);
      assertThatThrownBy(() -> store.createOutput(bad, JOB1, 1))
          .as(bad)
          .isInstanceOf(InvalidVideoNameException.class);
    }
  }

  @Test
  void aFetchedVideoIsALocalFileWithItsBytes() throws IOException {
    try (LocalVideo video = store.fetch("sub/inner.mov")) {
      assertThat(video.path()).hasBinaryContent(bytes("inner"));
    }
  }

  @Test
  void fetchingAMissingVideoSaysSo() {
    assertThatThrownBy(() -> store.fetch("nope.mp4"))
        .isInstanceOf(VideoNotFoundException.class)
        .hasMessage("video not found: nope.mp4");
  }

  private static final JobId JOB1 = JobId.of("job1");
  private static final JobId JOB2 = JobId.of("job2");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void segmentFilesAreStoredPerJobSegmentAndAttemptAndRemovedPerJob() throws IOException {
    String first;
    String retried;
    String other;
    try (PendingFile segment = store.createSegment(JOB1, 0, 1);
        PendingFile retry = store.createSegment(JOB1, 0, 2);
        PendingFile otherJob = store.createSegment(JOB2, 0, 1)) {
      Files.write(segment.path(), bytes("first"));
      Files.write(retry.path(), bytes("retried"));
      Files.write(otherJob.path(), bytes("other"));
      first = segment.commit();
      retried = retry.commit();
      other = otherJob.commit();
    }
    assertThat(first).isNotEqualTo(retried);
    try (LocalVideo read = store.fetchSegment(JOB1, retried)) {
      assertThat(read.path()).hasBinaryContent(bytes("retried"));
    }
    // A job may only read its own segment files.
    assertThatThrownBy(() -> store.fetchSegment(JOB1, other)).isInstanceOf(IOException.class);

    store.deleteSegments(JOB1);

    assertThatThrownBy(() -> store.fetchSegment(JOB1, first)).isInstanceOf(IOException.class);
    try (LocalVideo read = store.fetchSegment(JOB2, other)) {
      assertThat(read.path()).hasBinaryContent(bytes("other"));
    }
  }

  @Test
  void anOutputIsPublishedWholeOnlyOnCommitUnderItsJobsOwnName() throws IOException {
    String expected = store.outputLocation(JOB1);
    assertThat(expected).endsWith("job1.output.mp4");

    String location;
    Path temp;
    try (PendingOutput output = store.createOutput("sub/inner.mov", JOB1, 1)) {
      temp = output.path();
      Files.write(output.path(), bytes("anonymized"));
      assertThat(publishedOutputs()).doesNotContain(expected);
      location = output.commit();
    }

    assertThat(location).isEqualTo(expected);
    assertThat(readPublished(location)).isEqualTo(bytes("anonymized"));
    assertThat(publishedOutputs()).containsExactly(expected);
    assertThat(temp).doesNotExist();
  }

  @Test
  void twoExtensionsOfOneNameGetTwoOutputsAndTheAliasOfTheNewerSubmission() throws IOException {
    addVideo("a.mp4", bytes("mp4"));
    addVideo("a.mov", bytes("mov"));
    assertThat(store.aliasLocation("a.mov"))
        .isEqualTo(store.aliasLocation("a.mp4"))
        .endsWith("a-processed.mp4");

    // a.mov was submitted later but finishes first; a.mp4 finishes last and must not take the
    // alias.
    assertThat(publish("a.mov", JOB2, T0.plusSeconds(1), "blurred mov")).isPresent();
    assertThat(publish("a.mp4", JOB1, T0, "blurred mp4")).isEmpty();

    assertThat(readPublished(store.outputLocation(JOB1))).isEqualTo(bytes("blurred mp4"));
    assertThat(readPublished(store.outputLocation(JOB2))).isEqualTo(bytes("blurred mov"));
    assertThat(readPublished(store.aliasLocation("a.mp4"))).isEqualTo(bytes("blurred mov"));
  }

  @Test
  void theSameVideoTwiceWithTheOlderFinishingLastKeepsTheNewerInTheAlias() throws IOException {
    assertThat(publish("clip.mp4", JOB1, T0, "first, faces blurred")).isPresent();
    assertThat(readPublished(store.aliasLocation("clip.mp4")))
        .isEqualTo(bytes("first, faces blurred"));
    JobId newer = JobId.of("job3");
    JobId older = JobId.of("job4");

    assertThat(publish("clip.mp4", newer, T0.plusSeconds(20), "newest submission")).isPresent();
    assertThat(publish("clip.mp4", older, T0.plusSeconds(10), "older, blurFaces false")).isEmpty();

    assertThat(readPublished(store.aliasLocation("clip.mp4")))
        .isEqualTo(bytes("newest submission"));
    assertThat(readPublished(store.outputLocation(older)))
        .isEqualTo(bytes("older, blurFaces false"));
    assertThat(readPublished(store.outputLocation(JOB1))).isEqualTo(bytes("first, faces blurred"));
  }

  @Test
  void deletingACancelledJobsOutputLeavesTheOtherJobsOutputAndTheirAlias() throws IOException {
    publish("clip.mp4", JOB1, T0, "job1's");
    publish("clip.mp4", JOB2, T0.plusSeconds(1), "job2's, cancelled after publishing");

    store.deleteOutput("clip.mp4", JOB2);
    store.deleteOutput("clip.mp4", JOB2);

    assertThat(readPublished(store.outputLocation(JOB1))).isEqualTo(bytes("job1's"));
    // The alias held job2's output, which must not outlive its cancel.
    assertThat(publishedOutputs()).containsExactly(store.outputLocation(JOB1));

    publish("clip.mp4", JobId.of("job3"), T0.plusSeconds(2), "job3's");
    store.deleteOutput("clip.mp4", JOB1);
    assertThat(readPublished(store.aliasLocation("clip.mp4"))).isEqualTo(bytes("job3's"));
  }

  @Test
  void namesWithControlCharactersAreRefused() {
    for (String bad :
        List.of("a\nINFO forged line.mp4", "a\rb.mp4", "tab\tname.mp4", "esc\u001b[31m.mp4")) {
      assertThatThrownBy(() -> store.exists(bad))
          .as(bad)
          .isInstanceOf(InvalidVideoNameException.class);
    }
  }

  private Optional<String> publish(String video, JobId job, Instant submitted, String content)
      throws IOException {
    try (PendingOutput output = store.createOutput(video, job, 1)) {
      Files.write(output.path(), bytes(content));
      output.commit();
      return output.publishAlias(submitted);
    }
  }

  @Test
  void aNewAttemptRemovesWhatAKilledEarlierAttemptOfTheSameJobLeft() throws IOException {
    // Attempts 1 and 2 were killed mid-write: nothing closed their outputs.
    Path first = store.createOutput("clip.mp4", JOB1, 1).path();
    Files.write(first, bytes("half"));
    Path second = store.createOutput("clip.mp4", JOB1, 2).path();
    Files.write(second, bytes("half"));
    Path otherJob = store.createOutput("clip.mp4", JOB2, 1).path();
    Files.write(otherJob, bytes("another job's, still running"));

    try (PendingOutput third = store.createOutput("clip.mp4", JOB1, 3)) {
      Files.write(third.path(), bytes("whole"));
      assertThat(first).doesNotExist();
      assertThat(second).doesNotExist();
      assertThat(otherJob).exists();
      third.commit();
    }
    Files.delete(otherJob);
    assertThat(publishedOutputs()).containsExactly(store.outputLocation(JOB1));
  }

  @Test
  void anAbandonedOutputLeavesNothingBehind() throws IOException {
    Path temp;
    try (PendingOutput output = store.createOutput("clip.mp4", JOB1, 1)) {
      temp = output.path();
      Files.write(output.path(), bytes("half"));
    }
    assertThat(publishedOutputs()).isEmpty();
    assertThat(temp).doesNotExist();
  }
}
