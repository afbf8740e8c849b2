package io.privacypal.worker.pipeline;

import io.privacypal.common.job.JobOptions;
import java.nio.file.Path;

/**
 * One file in, one file out, and what to blur; with a {@code range}, only that part of the video (a
 * segment of a split job), encoded without audio.
 */
public record PipelineRequest(Path input, Path output, JobOptions options, FrameRange range) {
  public PipelineRequest(Path input, Path output, JobOptions options) {
    this(input, output, options, null);
  }
}
