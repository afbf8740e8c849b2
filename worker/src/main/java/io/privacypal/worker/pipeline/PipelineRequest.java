package io.privacypal.worker.pipeline;

import io.privacypal.common.job.JobOptions;
import java.nio.file.Path;

/** One file in, one file out, and what to blur. */
public record PipelineRequest(Path input, Path output, JobOptions options) {}
