package io.privacypal.common.job;

/** What one segment of a split job measured: its frames, the worker that ran it, and how long. */
public record SegmentStats(int index, long frames, String worker, double seconds) {}
