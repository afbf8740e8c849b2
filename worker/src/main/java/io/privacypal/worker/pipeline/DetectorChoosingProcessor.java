package io.privacypal.worker.pipeline;

import io.privacypal.common.job.JobStats;
import io.privacypal.worker.detect.Detectors;

/** Runs each job's pipeline with the detector the job asks for (or the worker's default). */
public final class DetectorChoosingProcessor implements VideoProcessor {
  private final Detectors detectors;
  private final PipelineSettings settings;

  public DetectorChoosingProcessor(Detectors detectors, PipelineSettings settings) {
    this.detectors = detectors;
    this.settings = settings;
  }

  @Override
  public JobStats process(
      PipelineRequest request, ProgressListener progress, Cancellation cancellation)
      throws Exception {
    return new AnonymizePipeline(detectors.forJob(request.options().detector()), settings)
        .process(request, progress, cancellation);
  }
}
