package io.privacypal.worker.detect.rekognition;

/** A keyframe as the JPEG sent to Rekognition; the size may be smaller than the original frame. */
record EncodedFrame(byte[] jpeg, int width, int height, int quality) {}
