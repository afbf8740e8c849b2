package io.privacypal.common.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryVideoStoreTest {
  @TempDir Path root;
  Path videos;
  DirectoryVideoStore store;

  @BeforeEach
  void setUp() throws Exception {
    videos = Files.createDirectories(root.resolve("videos"));
    store = new DirectoryVideoStore(videos, videos.resolve("processed"));
    Files.writeString(videos.resolve("clip.mp4"), "x");
    Files.createDirectories(videos.resolve("sub"));
    Files.writeString(videos.resolve("sub/inner.mov"), "x");
    Files.writeString(root.resolve("secret.mp4"), "outside");
  }

  @Test
  void videosInsideTheDirectoryAreFound() {
    assertThat(store.exists("clip.mp4")).isTrue();
    assertThat(store.exists("sub/inner.mov")).isTrue();
    assertThat(store.exists("missing.mp4")).isFalse();
    assertThat(store.exists("sub")).isFalse();
  }

  @Test
  void namesThatEscapeTheDirectoryAreRefused() throws Exception {
    Files.createSymbolicLink(videos.resolve("link.mp4"), root.resolve("secret.mp4"));
    for (String bad : new String[] {"../secret.mp4", "/etc/passwd", "sub/../../secret.mp4", "link.mp4", "", ".", "a\0b"}) {
      assertThatThrownBy(() -> store.exists(bad)).as(bad).isInstanceOf(InvalidVideoNameException.class);
    }
  }

  @Test
  void outputsAreNamedAfterTheInputAndPublishedWhole() throws Exception {
    assertThat(store.outputLocation("sub/inner.mov"))
        .isEqualTo(videos.resolve("processed/sub/inner-processed.mp4").toString());

    String location;
    try (PendingOutput output = store.createOutput("clip.mp4", "job1")) {
      Files.writeString(output.path(), "anonymized");
      assertThat(videos.resolve("processed/clip-processed.mp4")).doesNotExist();
      location = output.commit();
    }
    assertThat(Path.of(location)).hasContent("anonymized");
    try (var files = Files.list(videos.resolve("processed"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("clip-processed.mp4");
    }
  }

  @Test
  void anAbandonedOutputLeavesNothingBehind() throws Exception {
    try (PendingOutput output = store.createOutput("clip.mp4", "job1")) {
      Files.writeString(output.path(), "half");
    }
    try (var files = Files.list(videos.resolve("processed"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void fetchingAMissingVideoSaysSo() {
    assertThatThrownBy(() -> store.fetch("nope.mp4"))
        .isInstanceOf(VideoNotFoundException.class)
        .hasMessage("video not found: nope.mp4");
  }
}
