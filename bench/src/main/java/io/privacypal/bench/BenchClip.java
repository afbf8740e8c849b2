package io.privacypal.bench;

import java.nio.file.Path;

/**
 * One generated input of the benchmark, written {@code WIDTHxHEIGHTxSECONDS} with an optional
 * picture: by default real photos of people under a handheld camera that pans and zooms, faces
 * walking through and a cut every ten seconds (the leak benchmark's renderer, so detection,
 * tracking, blur and the search schedule cost what they cost on a real video); {@code :pattern},
 * ffmpeg's moving test pattern over the whole picture (no face, every part changes); {@code
 * :still}, a still camera: colour bars with one small moving pattern crossing them (no face, most
 * of the picture stays the same).
 */
record BenchClip(int width, int height, int seconds, Picture picture) {
  static final int FPS = 25;

  enum Picture {
    FACES(""),
    PATTERN(":pattern"),
    STILL(":still");

    private final String suffix;

    Picture(String suffix) {
      this.suffix = suffix;
    }
  }

  static BenchClip parse(String text) {
    Picture picture = Picture.FACES;
    String size = text;
    for (Picture p : Picture.values()) {
      if (!p.suffix.isEmpty() && text.endsWith(p.suffix)) {
        picture = p;
        size = text.substring(0, text.length() - p.suffix.length());
      }
    }
    String[] parts = size.split("x");
    try {
      if (parts.length == 3) {
        BenchClip clip =
            new BenchClip(
                Integer.parseInt(parts[0]),
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                picture);
        if (clip.width > 0 && clip.height > 0 && clip.seconds > 0) {
          return clip;
        }
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "a clip is WIDTHxHEIGHTxSECONDS[:pattern|:still], got " + text);
  }

  String label() {
    return width
        + "x"
        + height
        + " "
        + seconds
        + "s"
        + switch (picture) {
          case FACES -> " faces, moving camera";
          case PATTERN -> " test pattern";
          case STILL -> " still camera";
        };
  }

  /** Where a pattern clip is cached (faces clips are cached by the leak benchmark's renderer). */
  Path patternFile(Path work) {
    return work.resolve(
        "in-"
            + width
            + "x"
            + height
            + "-"
            + seconds
            + "s"
            + (picture == Picture.STILL ? "-still" : "")
            + ".mp4");
  }

  long frames() {
    return (long) seconds * FPS;
  }

  /** The ffmpeg video source (a lavfi filter graph) for a pattern or still clip. */
  String source() {
    String size = width + "x" + height;
    String timing = ":r=" + FPS + ":d=" + seconds;
    if (picture == Picture.PATTERN) {
      return "testsrc2=s=" + size + timing;
    }
    int subjectWidth = width / 4 & ~1;
    int subjectHeight = height / 4 & ~1;
    return "smptehdbars=s="
        + size
        + timing
        + "[bars];"
        + "testsrc2=s="
        + subjectWidth
        + "x"
        + subjectHeight
        + timing
        + "[subject];"
        + "[bars][subject]overlay=x='mod(t*"
        + width / 5
        + ","
        + (width - subjectWidth)
        + ")':y="
        + (height - subjectHeight) / 2;
  }
}
