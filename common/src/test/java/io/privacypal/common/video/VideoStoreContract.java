package io.privacypal.common.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      assertThatThrownBy(() -> store.exists(bad)).as(bad).isInstanceOf(InvalidVideoNameException.class);
      assertThatThrownBy(() -> store.fetch(bad)).as(bad).isInstanceOf(InvalidVideoNameException.class);
      assertThatThrownBy(() -> store.createOutput(bad, "job1", 1))
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

  @Test
  void anOutputIsPublishedWholeOnlyOnCommitWhereOutputLocationSaid() throws IOException {
    String expected = store.outputLocation("sub/inner.mov");
    assertThat(expected).endsWith("inner-processed.mp4");

    String location;
    Path temp;
    try (PendingOutput output = store.createOutput("sub/inner.mov", "job1", 1)) {
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
  void aNewAttemptRemovesWhatAKilledEarlierAttemptOfTheSameJobLeft() throws IOException {
    // Attempts 1 and 2 were killed mid-write: nothing closed their outputs.
    Path first = store.createOutput("clip.mp4", "job1", 1).path();
    Files.write(first, bytes("half"));
    Path second = store.createOutput("clip.mp4", "job1", 2).path();
    Files.write(second, bytes("half"));
    Path otherJob = store.createOutput("clip.mp4", "job2", 1).path();
    Files.write(otherJob, bytes("another job's, still running"));

    try (PendingOutput third = store.createOutput("clip.mp4", "job1", 3)) {
      Files.write(third.path(), bytes("whole"));
      assertThat(first).doesNotExist();
      assertThat(second).doesNotExist();
      assertThat(otherJob).exists();
      third.commit();
    }
    Files.delete(otherJob);
    assertThat(publishedOutputs()).containsExactly(store.outputLocation("clip.mp4"));
  }

  @Test
  void deleteOutputRemovesAPublishedOutputAndIgnoresAMissingOne() throws IOException {
    try (PendingOutput output = store.createOutput("clip.mp4", "job1", 1)) {
      Files.write(output.path(), bytes("anonymized"));
      output.commit();
    }
    assertThat(publishedOutputs()).containsExactly(store.outputLocation("clip.mp4"));

    store.deleteOutput("clip.mp4");
    store.deleteOutput("clip.mp4");

    assertThat(publishedOutputs()).isEmpty();
  }

  @Test
  void anAbandonedOutputLeavesNothingBehind() throws IOException {
    Path temp;
    try (PendingOutput output = store.createOutput("clip.mp4", "job1", 1)) {
      temp = output.path();
      Files.write(output.path(), bytes("half"));
    }
    assertThat(publishedOutputs()).isEmpty();
    assertThat(temp).doesNotExist();
  }
}
