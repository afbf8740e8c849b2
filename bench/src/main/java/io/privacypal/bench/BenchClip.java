package io.privacypal.bench;

import java.nio.file.Path;

/**
 * One generated input of the benchmark, written {@code WIDTHxHEIGHTxSECONDS} or with {@code
 * :still}: ffmpeg's moving test pattern over the whole picture (a handheld camera: every part
 * changes), or a still camera, colour bars with one small moving pattern crossing them (a tripod or
 * webcam: most of the picture stays the same).
 */
record BenchClip(int width, int height, int seconds, boolean still) {
  static final int FPS = 25;

  static BenchClip parse(String text) {
    boolean still = text.endsWith(":still");
    String[] parts =
        (still ? text.substring(0, text.length() - ":still".length()) : text).split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException("a clip is WIDTHxHEIGHTxSECONDS[:still], got " + text);
    }
    return new BenchClip(
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), still);
  }

  String label() {
    return width + "x" + height + " " + seconds + "s" + (still ? " still camera" : "");
  }

  Path file(Path work) {
    return work.resolve(
        "in-" + width + "x" + height + "-" + seconds + "s" + (still ? "-still" : "") + ".mp4");
  }

  long frames() {
    return (long) seconds * FPS;
  }

  /** The ffmpeg video source (a lavfi filter graph) for this clip. */
  String source() {
    String size = width + "x" + height;
    String timing = ":r=" + FPS + ":d=" + seconds;
    if (!still) {
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
