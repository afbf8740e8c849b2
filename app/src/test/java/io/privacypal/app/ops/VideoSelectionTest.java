package io.privacypal.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.video.InvalidVideoNameException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSelectionTest {
  @TempDir Path root;
  Path videos;
  VideoSelection selection;

  @BeforeEach
  void setUp() throws Exception {
    videos = Files.createDirectories(root.resolve("videos"));
    Files.createDirectories(videos.resolve("trip/day1"));
    Files.createDirectories(videos.resolve("processed"));
    Files.createDirectories(videos.resolve(".privacypal"));
    for (String name :
        List.of(
            "a.mp4",
            "b.MOV",
            "notes.txt",
            "trip/day1/c.webm",
            "processed/a-processed.mp4",
            ".privacypal/x.mp4")) {
      Files.writeString(videos.resolve(name), "x");
    }
    selection = new VideoSelection(videos, videos.resolve("processed"));
  }

  @Test
  void aDirectoryMeansEveryVideoInItButNotOutputsOrHiddenFiles() throws Exception {
    assertThat(selection.select(List.of(videos.toString() + "/")))
        .containsExactly("a.mp4", "b.MOV", "trip/day1/c.webm");
  }

  @Test
  void globsMatchNamesRelativeToTheVideoDirectory() throws Exception {
    assertThat(selection.select(List.of("**/*.webm"))).containsExactly("trip/day1/c.webm");
    assertThat(selection.select(List.of("*.mp4"))).containsExactly("a.mp4");
  }

  @Test
  void filesAreNamedRelativeToTheVideoDirectoryOnce() throws Exception {
    assertThat(
            selection.select(
                List.of(videos.resolve("a.mp4").toString(), "a.mp4", "s3://bucket/k.mp4")))
        .containsExactly("a.mp4", "s3://bucket/k.mp4");
  }

  @Test
  void aFileOutsideTheVideoDirectoryIsRefused() throws Exception {
    Path outside = Files.writeString(root.resolve("outside.mp4"), "x");
    assertThatThrownBy(() -> selection.select(List.of(outside.toString())))
        .isInstanceOf(InvalidVideoNameException.class)
        .hasMessageContaining("outside the video directory");
  }
}
