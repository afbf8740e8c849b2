package io.privacypal.gateway.legacy;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.gateway.http.ApiException;
import io.privacypal.gateway.http.Request;
import io.privacypal.gateway.http.Responses;
import io.privacypal.gateway.http.Router;
import io.privacypal.gateway.jobs.JobService;
import io.privacypal.gateway.jobs.JobSubmission;
import io.privacypal.gateway.jobs.PublicText;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The routes PrivacyPal's front end calls, with the bodies it expects. Files are addressed by name;
 * each name maps to the caller's latest job for it (another client's jobs are never seen or
 * cancelled here), and the worker publishes the newest submission's output as {@code
 * <name>-processed.mp4}.
 *
 * <p>{@code /process_status} answers {@code True} (200) for SUCCEEDED and {@code False} (200) while
 * QUEUED or PROCESSING. A FAILED or CANCELLED job answers 409 with a text reason, so a front end
 * polling for {@code True} stops instead of polling forever; 404 when the file never had a job.
 */
public final class LegacyRoutes {
  static final String FILE_EXISTS = "Success: file exists.";
  static final String FILE_NOT_FOUND = "Error: file not found";

  private final JobService jobs;

  public LegacyRoutes(JobService jobs) {
    this.jobs = jobs;
  }

  public void register(Router router) {
    router
        .add("POST", "/process_video", this::processVideo)
        .add("GET", "/process_status", this::processStatus)
        .add("POST", "/cancel_process", this::cancelProcess)
        .add("GET", "/health", r -> Responses.json(r.exchange(), 200, Map.of()));
  }

  private void processVideo(Request request) throws IOException {
    String file = request.requiredQuery("filename");
    try {
      jobs.submit(request.client(), new JobSubmission(file, JobOptions.defaults()));
    } catch (ApiException e) {
      if (e.status() == 404) {
        Responses.text(request.exchange(), 404, FILE_NOT_FOUND);
        return;
      }
      throw e;
    }
    Responses.text(request.exchange(), 202, FILE_EXISTS);
  }

  private void processStatus(Request request) throws IOException {
    String file = request.requiredQuery("filename");
    Optional<JobStatus> latest = jobs.latestForVideo(request.client(), file);
    if (latest.isEmpty()) {
      Responses.text(request.exchange(), 404, "Error: no processing job for this file");
      return;
    }
    JobStatus status = latest.get();
    switch (status.state()) {
      case SUCCEEDED -> Responses.text(request.exchange(), 200, "True");
      case QUEUED, PROCESSING -> Responses.text(request.exchange(), 200, "False");
      case FAILED ->
          Responses.text(
              request.exchange(),
              409,
              "Error: processing failed: "
                  + (status.failure() == null
                      ? "no reason given"
                      : PublicText.redact(status.failure().reason())));
      case CANCELLED -> Responses.text(request.exchange(), 409, "Error: processing was cancelled");
    }
  }

  private void cancelProcess(Request request) throws IOException {
    String file = request.bodyText().trim();
    if (file.isEmpty()) {
      throw ApiException.badRequest("the body must be the file name to cancel");
    }
    Optional<JobStatus> latest = jobs.latestForVideo(request.client(), file);
    if (latest.isEmpty()) {
      Responses.text(request.exchange(), 404, "Error: no processing job for this file");
      return;
    }
    if (latest.get().state() != JobState.QUEUED && latest.get().state() != JobState.PROCESSING) {
      Responses.text(
          request.exchange(),
          409,
          "Error: processing already finished (" + latest.get().state() + ")");
      return;
    }
    jobs.cancel(request.client(), latest.get().jobId());
    Responses.text(request.exchange(), 200, "Success: process cancelled.");
  }
}
