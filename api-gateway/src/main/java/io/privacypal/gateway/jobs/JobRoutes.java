package io.privacypal.gateway.jobs;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.gateway.http.ApiException;
import io.privacypal.gateway.http.Request;
import io.privacypal.gateway.http.Responses;
import io.privacypal.gateway.http.Router;
import java.io.IOException;
import java.util.Optional;

/** The JSON job API under {@code /api/v1/jobs}. */
public final class JobRoutes {
  public static final String JOBS = "/api/v1/jobs";

  private final JobService jobs;
  private final JobListing listing;
  private final SubmissionParser parser = new SubmissionParser();

  private final OutputDownload output;

  public JobRoutes(JobService jobs, JobListing listing, OutputDownload output) {
    this.jobs = jobs;
    this.listing = listing;
    this.output = output;
  }

  public void register(Router router) {
    router
        .add("POST", JOBS, this::submit)
        .add("GET", JOBS, r -> Responses.json(r.exchange(), 200, listing.list(r)))
        .add("GET", JOBS + "/{jobId}", this::get)
        .add("POST", JOBS + "/{jobId}/cancel", this::cancel)
        .add("GET", JOBS + "/{jobId}/output", output::handle);
  }

  private void submit(Request request) throws IOException {
    request.requireJson();
    JobSubmission submission = parser.parse(request.body());
    Optional<String> key = request.header("Idempotency-Key");
    JobStatus status;
    if (key.isPresent()) {
      JobService.Submitted submitted = jobs.submit(request.client(), submission, key.get());
      status = submitted.status();
      if (submitted.replayed()) {
        request.exchange().getResponseHeaders().set("Idempotent-Replayed", "true");
      }
    } else {
      status = jobs.submit(request.client(), submission);
    }
    request.exchange().getResponseHeaders().set("Location", JOBS + "/" + status.jobId());
    Responses.json(request.exchange(), 202, JobView.of(status));
  }

  private void get(Request request) throws IOException {
    Responses.json(
        request.exchange(), 200, JobView.of(jobs.require(request.client(), jobId(request))));
  }

  private void cancel(Request request) throws IOException {
    Responses.json(
        request.exchange(), 200, JobView.of(jobs.cancel(request.client(), jobId(request))));
  }

  static JobId jobId(Request request) {
    String raw = request.pathParam("jobId");
    if (!JobId.isValid(raw)) {
      throw ApiException.badRequest(
          "invalid job id: use 1-128 letters, digits, '-' or '_', starting with a letter or digit");
    }
    return JobId.of(raw);
  }
}
