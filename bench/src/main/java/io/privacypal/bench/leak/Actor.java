package io.privacypal.bench.leak;

/**
 * A person cut out of a photo (head, hair and shoulders, feathered), moved, scaled and tilted by
 * its motion; mirrored, a head turned left becomes one turned right. Later actors pass in front.
 */
record Actor(String id, int photo, int head, boolean mirrored, Motion motion) {}
