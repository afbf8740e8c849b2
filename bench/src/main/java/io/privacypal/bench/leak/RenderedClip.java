package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generated clip on disk with the true faces of every frame, which are saved beside it so that a
 * later run reuses both.
 */
public record RenderedClip(LeakClip clip, Path file, List<List<TrueFace>> truth) {

  public RenderedClip {
    truth = List.copyOf(truth);
    if (truth.size() != clip.frames()) {
      throw new IllegalArgumentException(
          clip.name() + ": truth for " + truth.size() + " of " + clip.frames() + " frames");
    }
  }

  public String name() {
    return clip.name();
  }

  List<TrueFace> facesAt(int frame) {
    return truth.get(frame);
  }

  static Path truthFile(Path video) {
    return video.resolveSibling(video.getFileName() + ".truth.tsv");
  }

  void saveTruth() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int n = 0; n < truth.size(); n++) {
      for (TrueFace face : truth.get(n)) {
        FaceBox b = face.box();
        text.append(
            String.format(
                Locale.ROOT,
                "%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.4f%n",
                n,
                face.id(),
                b.x(),
                b.y(),
                b.width(),
                b.height(),
                face.visible()));
      }
    }
    Path temp = Files.createTempFile(file.getParent(), "truth-", ".tsv");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, truthFile(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The clip as rendered earlier, or null when its video or truth is missing. */
  static RenderedClip load(LeakClip clip, Path video) throws IOException {
    Path truthFile = truthFile(video);
    if (!Files.isRegularFile(video) || !Files.isRegularFile(truthFile)) {
      return null;
    }
    List<List<TrueFace>> truth = new ArrayList<>();
    for (int n = 0; n < clip.frames(); n++) {
      truth.add(new ArrayList<>());
    }
    for (String line : Files.readAllLines(truthFile, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      FaceBox box =
          new FaceBox(
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]),
              1);
      truth.get(Integer.parseInt(f[0])).add(new TrueFace(f[1], box, Double.parseDouble(f[6])));
    }
    return new RenderedClip(clip, video, truth.stream().map(List::copyOf).toList());
  }
}
