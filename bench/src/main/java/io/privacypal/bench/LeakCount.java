package io.privacypal.bench;

/**
 * Face-frames of one or more clips: those whose box's middle half lies inside the frame, and those
 * cut by its edge; "leaked" ones were left (almost) as they were by the anonymizer.
 */
record LeakCount(long faceFrames, long leaked, long edgeFaceFrames, long edgeLeaked) {
  static final LeakCount NONE = new LeakCount(0, 0, 0, 0);

  LeakCount plus(LeakCount other) {
    return new LeakCount(
        faceFrames + other.faceFrames, leaked + other.leaked,
        edgeFaceFrames + other.edgeFaceFrames, edgeLeaked + other.edgeLeaked);
  }

  double leakedPercent() {
    return faceFrames == 0 ? 0 : 100.0 * leaked / faceFrames;
  }
}
