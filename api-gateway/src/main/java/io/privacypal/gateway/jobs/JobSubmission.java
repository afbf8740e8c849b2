package io.privacypal.gateway.jobs;

import io.privacypal.common.job.JobOptions;

/** What a client asked for: a video name and the options, already validated. */
public record JobSubmission(String video, JobOptions options) {}
