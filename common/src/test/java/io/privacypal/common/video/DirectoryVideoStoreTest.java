package io.privacypal.common.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.JobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryVideoStoreTest extends VideoStoreContract {
  @TempDir Path root;
  Path videos;

  @Override
  protected VideoStore openStore() throws IOException {
    videos = Files.createDirectories(root.resolve("videos"));
    return new DirectoryVideoStore(videos, videos.resolve("processed"));
  }

  @Override
  protected void addVideo(String name, byte[] content) throws IOException {
    Path file = videos.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  @Override
  protected void addOutsideSecret(byte[] content) throws IOException {
    Files.write(root.resolve("secret.mp4"), content);
  }

  @Override
  protected byte[] readPublished(String location) throws IOException {
    return Files.readAllBytes(Path.of(location));
  }

  @Override
  protected List<String> publishedOutputs() throws IOException {
    Path processed = videos.resolve("processed");
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(processed)) {
      try (Stream<Path> files = Files.walk(processed)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().equals(".aliases.lock"))
            .forEach(p -> found.add(p.toString()));
      }
    }
    return found;
  }

  @Test
  void aSymlinkOutOfTheDirectoryIsRefused() throws Exception {
    Files.createSymbolicLink(videos.resolve("link.mp4"), root.resolve("secret.mp4"));
    assertThatThrownBy(() -> store.exists("link.mp4"))
        .isInstanceOf(InvalidVideoNameException.class);
  }

  @Test
  void aliasesKeepTheInputsSubdirectoryAndJobOutputsHaveTheirOwn() {
    assertThat(store.aliasLocation("sub/inner.mov"))
        .isEqualTo(videos.resolve("processed/sub/inner-processed.mp4").toString());
    assertThat(store.outputLocation(JobId.of("j1")))
        .isEqualTo(videos.resolve("processed/jobs/j1.output.mp4").toString());
  }

  @Test
  void aVideoInPlaceIsNotDeletedWhenClosed() throws Exception {
    Path path;
    try (LocalVideo video = store.fetch("clip.mp4")) {
      path = video.path();
      assertThat(video.temporary()).isFalse();
    }
    assertThat(path).exists();
  }
}
