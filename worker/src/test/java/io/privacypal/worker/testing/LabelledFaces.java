package io.privacypal.worker.testing;

import io.privacypal.common.detect.FaceBox;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the faces are in the test photos ({@code sample1.jpg}..{@code sample6.jpg} of
 * {@code @vladmandic/face-api@1.7.15}), labelled by hand: centre and rough side of the face square,
 * in pixels of the original photo. Several heads are tilted 20-30° or bowed, and one is in profile.
 */
public final class LabelledFaces {
  /** One face: its centre and the side of a square around forehead to chin. */
  public record Face(double cx, double cy, double size) {}

  /** A spot of a head in pixels of the original photo, and what it is. */
  public record Spot(String name, int x, int y) {}

  /**
   * Spots of the head in profile of {@code sample2.jpg} (the woman on the left, looking left) that
   * its cover must reach: a face box grown 1.3x left them sharp.
   */
  public static final List<Spot> SAMPLE2_PROFILE =
      List.of(
          new Spot("ear", 560, 250),
          new Spot("hair at the back of the head", 670, 150),
          new Spot("hair on top", 540, 62),
          new Spot("jaw below the ear", 520, 330),
          new Spot("chin", 455, 400));

  /**
   * The four frontal heads of {@code sample6.jpg} as the leak benchmark labels heads: hairline to
   * chin, ear to ear, in pixels of the original photo.
   */
  public static final List<FaceBox> SAMPLE6_HEADS =
      List.of(
          new FaceBox(222, 484, 260, 255, 1),
          new FaceBox(668, 318, 170, 285, 1),
          new FaceBox(1165, 295, 215, 278, 1),
          new FaceBox(1474, 266, 236, 285, 1));

  /** One photo: its number, its size in pixels and its faces. */
  public record Photo(int number, int width, int height, List<Face> faces) {}

  public static final List<Photo> PHOTOS =
      List.of(
          new Photo(
              1,
              1920,
              1280,
              List.of(
                  new Face(510, 480, 200), // tilted to the right
                  new Face(940, 530, 220), // tilted, looking down
                  new Face(1580, 320, 220))), // tilted to the left
          new Photo(
              2,
              1920,
              1367,
              List.of(
                  new Face(430, 290, 240), // profile
                  new Face(994, 360, 200), // bowed
                  new Face(1524, 280, 220))), // bowed
          new Photo(
              3,
              1920,
              1350,
              List.of(new Face(674, 460, 220), new Face(1176, 370, 230), new Face(1594, 430, 220))),
          new Photo(
              4,
              1920,
              1448,
              List.of(
                  new Face(340, 320, 200),
                  new Face(740, 190, 210),
                  new Face(1084, 300, 200),
                  new Face(1360, 280, 210))),
          new Photo(
              5,
              1920,
              1398,
              List.of(
                  new Face(850, 236, 180),
                  new Face(680, 536, 200),
                  new Face(1190, 330, 190),
                  new Face(1490, 516, 220),
                  new Face(464, 1020, 250))),
          new Photo(
              6,
              1920,
              1537,
              List.of(
                  new Face(356, 610, 220),
                  new Face(740, 460, 220),
                  new Face(1274, 440, 220),
                  new Face(1584, 416, 230))));

  private LabelledFaces() {}

  /**
   * The labelled photo {@link FacePhotos} fetched as {@code file} ({@code sample3.jpg} is photo 3).
   */
  public static Photo of(Path file) {
    String name = file.getFileName().toString();
    return PHOTOS.stream()
        .filter(p -> name.equals("sample" + p.number() + ".jpg"))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no labels for " + file));
  }

  /** The faces of a photo shown scaled to {@code width}x{@code height}, as boxes in its pixels. */
  public static List<FaceBox> shownAt(Path file, int width, int height) {
    Photo photo = of(file);
    double sx = width / (double) photo.width();
    double sy = height / (double) photo.height();
    return photo.faces().stream()
        .map(
            f ->
                new FaceBox(
                    (f.cx() - f.size() / 2) * sx,
                    (f.cy() - f.size() / 2) * sy,
                    f.size() * sx,
                    f.size() * sy,
                    1))
        .toList();
  }
}
