package io.privacypal.bench.leak;

import io.privacypal.common.detect.FaceBox;

/**
 * A head in one frame of a generated clip: its true box in frame pixels (partly outside the frame
 * at an edge) and the share of its in-frame part that shows this head rather than someone in front.
 */
record TrueFace(String id, FaceBox box, double visible) {}
