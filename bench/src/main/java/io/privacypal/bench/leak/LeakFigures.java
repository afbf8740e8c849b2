package io.privacypal.bench.leak;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one clip anonymized with one detector leaked: face-frames judged and leaked, the longest run
 * of consecutive leaked frames of each face (and which frames leaked), over-blur (share of changed
 * pixels outside the grown true boxes), detector calls per video minute and the pipeline's speed.
 */
public record LeakFigures(
    String clip,
    String detector,
    long faceFrames,
    long leakedFaceFrames,
    Map<String, Integer> longestRunPerFace,
    Map<String, List<Integer>> leakedFrames,
    double overBlur,
    double detectorCallsPerMinute,
    double pipelineFps) {

  public LeakFigures {
    longestRunPerFace = Map.copyOf(longestRunPerFace);
    leakedFrames = Map.copyOf(leakedFrames);
  }

  public double leakedPercent() {
    return faceFrames == 0 ? 0 : 100.0 * leakedFaceFrames / faceFrames;
  }

  /** The longest leaked run of any face, in frames. */
  public int longestRun() {
    return longestRunPerFace.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The face with the longest leaked run, or "-" when nothing leaked. */
  public String longestRunFace() {
    return longestRunPerFace.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse("-");
  }

  public static String header() {
    return String.format(
        Locale.ROOT,
        "%-14s | %-8s | %11s | %-17s | %-36s | %9s | %10s | %5s",
        "clip",
        "detector",
        "face-frames",
        "leaked",
        "longest leaked run (face)",
        "over-blur",
        "calls/min",
        "fps");
  }

  public String row() {
    String run = longestRun() == 0 ? "0" : longestRun() + " (" + longestRunFace() + ")";
    return String.format(
        Locale.ROOT,
        "%-14s | %-8s | %11d | %6d (%6.2f %%) | %-36s | %7.2f %% | %10.0f | %5.1f",
        clip,
        detector,
        faceFrames,
        leakedFaceFrames,
        leakedPercent(),
        run,
        100 * overBlur,
        detectorCallsPerMinute,
        pipelineFps);
  }
}
