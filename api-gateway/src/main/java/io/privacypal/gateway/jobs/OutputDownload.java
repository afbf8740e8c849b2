package io.privacypal.gateway.jobs;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.video.VideoStore;
import io.privacypal.gateway.http.ApiException;
import io.privacypal.gateway.http.ByteRange;
import io.privacypal.gateway.http.Exchange;
import io.privacypal.gateway.http.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /api/v1/jobs/{id}/output}: the finished video, with single byte ranges so a player can
 * seek. Only the file the video store names as this job's own output is served, never another path
 * a status might hold nor the output another job published under the same video name; and only to
 * the client that submitted the job. Where the store is remote (S3) the answer is a 307 to a
 * short-lived presigned GET, so the gateway never streams large objects and S3 serves the ranges.
 */
public final class OutputDownload {
  private static final int CHUNK = 64 * 1024;

  /** Long enough to start a download or a player's first requests; a player re-asks after. */
  static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

  private final JobService jobs;
  private final VideoStore videos;

  public OutputDownload(JobService jobs, VideoStore videos) {
    this.jobs = jobs;
    this.videos = videos;
  }

  public void handle(Request request) throws IOException {
    JobId id = JobRoutes.jobId(request);
    JobStatus status = jobs.require(request.client(), id);
    if (status.state() != JobState.SUCCEEDED) {
      throw ApiException.conflict(
          "job " + id + " is " + status.state() + "; its output exists once it has SUCCEEDED");
    }
    requireOwnOutput(status);
    Optional<URI> link = videos.outputLink(id, LINK_LIFETIME);
    if (link.isPresent()) {
      Exchange.ResponseHeaders headers = request.exchange().getResponseHeaders();
      headers.set("Location", link.get().toString());
      headers.set("Cache-Control", "no-store");
      request.exchange().sendResponseHeaders(307, -1);
      return;
    }
    Path file = localOutput(status);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      send(request, channel);
    } catch (NoSuchFileException e) {
      throw ApiException.notFound("the output of job " + id + " is no longer there");
    }
  }

  private void requireOwnOutput(JobStatus status) {
    String expected = videos.outputLocation(status.jobId());
    if (status.output() == null || !status.output().equals(expected)) {
      throw ApiException.notFound("the output of this job is not served by this gateway");
    }
  }

  private Path localOutput(JobStatus status) {
    Path file = Path.of(videos.outputLocation(status.jobId()));
    if (!Files.isRegularFile(file)) {
      throw ApiException.notFound("the output of job " + status.jobId() + " is no longer there");
    }
    return file;
  }

  private static void send(Request request, FileChannel channel) throws IOException {
    long size = channel.size();
    Exchange.ResponseHeaders headers = request.exchange().getResponseHeaders();
    headers.set("Accept-Ranges", "bytes");
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(request.header("Range").orElse(null), size);
    } catch (ByteRange.Unsatisfiable e) {
      headers.set("Content-Range", "bytes */" + size);
      throw new ApiException(416, "range not satisfiable for a file of " + size + " bytes");
    }
    headers.set("Content-Type", "video/mp4");
    long first = range.map(ByteRange::first).orElse(0L);
    long length = range.map(ByteRange::length).orElse(size);
    range.ifPresent(r -> headers.set("Content-Range", r.contentRange(size)));
    // A zero-length 200 must say so with -1; 0 would mean "chunked".
    request
        .exchange()
        .sendResponseHeaders(range.isPresent() ? 206 : 200, length == 0 ? -1 : length);
    if (length == 0) {
      return;
    }
    try (OutputStream out = request.exchange().getResponseBody()) {
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      long position = first;
      long remaining = length;
      while (remaining > 0) {
        buffer.clear().limit((int) Math.min(CHUNK, remaining));
        int n = channel.read(buffer, position);
        if (n < 0) {
          throw new IOException("the output file shrank while it was being sent");
        }
        out.write(buffer.array(), 0, n);
        position += n;
        remaining -= n;
      }
    }
  }
}
