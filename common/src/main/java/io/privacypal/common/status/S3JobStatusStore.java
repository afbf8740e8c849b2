package io.privacypal.common.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.json.Json;
import io.privacypal.common.s3.S3Errors;
import io.privacypal.common.text.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One JSON object per job ({@code <prefix><id>.json}) and one pointer object per video ({@code
 * <prefix>by-video/<sha256 of the name>}) holding the latest job id. Updates are optimistic: read
 * the object and its ETag, apply the change, and PUT with {@code If-Match}; a 412 means another
 * writer won, so the change is applied again to the newer status. Creation uses {@code
 * If-None-Match: *}, so two gateways can never both create one job.
 */
public final class S3JobStatusStore implements JobStatusStore {
  static final int MAX_ATTEMPTS = 8;
  private static final long BASE_BACKOFF_MILLIS = 10;
  private static final String JSON = "application/json";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final ObjectMapper mapper = Json.mapper();

  /** {@code prefix} is a "directory" such as {@code jobs/} (S3StorageSettings.statusPrefix). */
  public S3JobStatusStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public JobStatus createIfAbsent(JobStatus initial) {
    String key = jobKey(initial.jobId());
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType(JSON).ifNoneMatch("*"),
          RequestBody.fromBytes(Json.writeBytes(initial)));
    } catch (S3Exception e) {
      if (S3Errors.isConditionLost(e)) {
        return find(initial.jobId())
            .orElseThrow(() -> new StatusStoreException("job " + initial.jobId() + " vanished", e));
      }
      throw new StatusStoreException("cannot create the status of job " + initial.jobId(), e);
    } catch (SdkException e) {
      throw new StatusStoreException("cannot create the status of job " + initial.jobId(), e);
    }
    put(
        videoPointerKey(initial.client(), initial.video()),
        initial.jobId().value().getBytes(StandardCharsets.UTF_8),
        "text/plain");
    return initial;
  }

  @Override
  public Optional<JobStatus> find(JobId jobId) {
    return read(jobKey(jobId)).map(Versioned::status);
  }

  @Override
  public JobStatus update(JobId jobId, UnaryOperator<JobStatus> change) {
    String key = jobKey(jobId);
    for (int attempt = 1; ; attempt++) {
      Versioned current = read(key).orElseThrow(() -> new JobNotFoundException(jobId));
      JobStatus next = change.apply(current.status());
      if (next == current.status()) {
        return next;
      }
      try {
        s3.putObject(
            b -> b.bucket(bucket).key(key).contentType(JSON).ifMatch(current.etag()),
            RequestBody.fromBytes(Json.writeBytes(next)));
        return next;
      } catch (S3Exception e) {
        if (!S3Errors.isConditionLost(e)) {
          throw new StatusStoreException("cannot write the status of job " + jobId, e);
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new StatusStoreException(
              "job " + jobId + " was changed by other writers " + attempt + " times in a row", e);
        }
        backOff(attempt, jobId);
      } catch (SdkException e) {
        throw new StatusStoreException("cannot write the status of job " + jobId, e);
      }
    }
  }

  @Override
  public Optional<JobStatus> latestForVideo(String client, String video) {
    String id;
    try {
      id =
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(videoPointerKey(client, video)))
              .asUtf8String()
              .trim();
    } catch (S3Exception e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw new StatusStoreException("cannot read the job pointer for " + video, e);
    } catch (SdkException e) {
      throw new StatusStoreException("cannot read the job pointer for " + video, e);
    }
    return JobId.isValid(id) ? find(JobId.of(id)) : Optional.empty();
  }

  /** Lists every key (1,000 per request), then reads only the {@code limit} changed last. */
  @Override
  public List<JobStatus> recent(int limit) {
    List<S3Object> objects = new ArrayList<>();
    try {
      // The delimiter keeps the by-video pointers (a "subdirectory") out of the listing.
      for (S3Object object :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/"))
              .contents()) {
        if (object.key().endsWith(".json")) {
          objects.add(object);
        }
      }
    } catch (SdkException e) {
      throw new StatusStoreException("cannot list job statuses under " + prefix, e);
    }
    objects.sort(Comparator.comparing(S3Object::lastModified).reversed());
    List<JobStatus> read = new ArrayList<>();
    for (S3Object object : objects.subList(0, Math.min(limit, objects.size()))) {
      RecentStatuses.readSkippingBroken(
              object.key(), () -> read(object.key()).map(Versioned::status))
          .ifPresent(read::add);
    }
    read.sort(RecentStatuses.NEWEST_SUBMITTED_FIRST);
    return read;
  }

  private Optional<Versioned> read(String key) {
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      JobStatus status = mapper.readValue(bytes.asByteArrayUnsafe(), JobStatus.class);
      return Optional.of(new Versioned(status, bytes.response().eTag()));
    } catch (S3Exception e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw new StatusStoreException("cannot read job status " + key, e);
    } catch (SdkException | IOException e) {
      throw new StatusStoreException("cannot read job status " + key, e);
    }
  }

  private void put(String key, byte[] content, String contentType) {
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new StatusStoreException("cannot write " + key, e);
    }
  }

  /** Jittered exponential back-off, so writers that collided do not collide again in step. */
  private static void backOff(int attempt, JobId jobId) {
    long ceiling = BASE_BACKOFF_MILLIS << Math.min(attempt, 6);
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatusStoreException("interrupted while updating job " + jobId, e);
    }
  }

  private String jobKey(JobId jobId) {
    return prefix + jobId.value() + ".json";
  }

  private String videoPointerKey(String client, String video) {
    return prefix + "by-video/" + VideoPointers.name(client, video);
  }

  private record Versioned(JobStatus status, String etag) {}

  /** A key is one object, created with {@code If-None-Match: *}: of two gateways one creates it. */
  @Override
  public Optional<IdempotencyClaim> claimIdempotencyKey(String key, IdempotencyClaim claim) {
    String object = idempotencyKey(key);
    for (int attempt = 1; ; attempt++) {
      try {
        s3.putObject(
            b -> b.bucket(bucket).key(object).contentType("text/plain").ifNoneMatch("*"),
            RequestBody.fromString(claim.encode(), StandardCharsets.UTF_8));
        return Optional.empty();
      } catch (S3Exception e) {
        if (!S3Errors.isConditionLost(e)) {
          throw new StatusStoreException("cannot record an idempotency key", e);
        }
      } catch (SdkException e) {
        throw new StatusStoreException("cannot record an idempotency key", e);
      }
      try {
        return Optional.of(
            IdempotencyClaim.decode(
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(object)).asUtf8String()));
      } catch (S3Exception e) {
        if (!S3Errors.isNotFound(e) || attempt >= 3) {
          throw new StatusStoreException("cannot read an idempotency key", e);
        }
        // Released between our PUT and this GET: claim it again.
      } catch (SdkException e) {
        throw new StatusStoreException("cannot read an idempotency key", e);
      }
    }
  }

  @Override
  public void releaseIdempotencyKey(String key) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(idempotencyKey(key)));
    } catch (SdkException e) {
      throw new StatusStoreException("cannot release an idempotency key", e);
    }
  }

  private String idempotencyKey(String key) {
    return prefix + "idempotency/" + Sha256.hex(key);
  }
}
