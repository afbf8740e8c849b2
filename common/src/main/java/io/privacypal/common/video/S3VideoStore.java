package io.privacypal.common.video;

import io.privacypal.common.config.S3StorageSettings;
import io.privacypal.common.job.JobId;
import io.privacypal.common.s3.S3Errors;
import io.privacypal.common.s3.S3FileUploader;
import io.privacypal.common.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * Videos in an S3 bucket. A name is {@code s3://bucket/key} under the input prefix, or a key
 * relative to the input prefix. Inputs are downloaded to a temporary file for ffmpeg; outputs are
 * written to a temporary file and uploaded whole on commit as {@code
 * <outputPrefix>jobs/<jobId>.output.mp4}, and the PrivacyPal alias as {@code
 * <outputPrefix><name>-processed.mp4}.
 */
public final class S3VideoStore implements VideoStore {
  private static final int MAX_NAME_LENGTH = 1024;
  private static final String OUTPUT_TYPE = "video/mp4";

  /** Under the output prefix: one object per job, {@code <jobId>.output.mp4}. */
  static final String JOB_OUTPUTS = "jobs/";

  private static final String ALIAS_JOB = "privacypal-job";
  private static final String ALIAS_SUBMITTED = "privacypal-submitted-at";
  private static final long MAX_CONDITIONAL_PUT_BYTES = 5L * 1024 * 1024 * 1024;
  private static final int MAX_ALIAS_ATTEMPTS = 8;

  private final S3Client s3;
  private final S3StorageSettings settings;
  private final S3FileUploader uploader;
  private final S3Presigner presigner;

  /** A store that offers no download links (workers never hand outputs to clients). */
  public S3VideoStore(S3Client s3, S3StorageSettings settings) {
    this(s3, settings, null);
  }

  /** {@code presigner} signs the short-lived download links of {@link #outputLink}. */
  public S3VideoStore(S3Client s3, S3StorageSettings settings, S3Presigner presigner) {
    this.s3 = s3;
    this.settings = settings;
    this.uploader = new S3FileUploader(s3, settings.partSizeBytes(), OUTPUT_TYPE);
    this.presigner = presigner;
  }

  @Override
  public boolean exists(String video) {
    String key = inputKey(video);
    if (key.endsWith("/")) {
      return false;
    }
    try {
      return head(key).isPresent();
    } catch (SdkException e) {
      throw new UncheckedIOException(new IOException("cannot look up video " + video, e));
    }
  }

  @Override
  public LocalVideo fetch(String video) throws IOException {
    String key = inputKey(video);
    HeadObjectResponse head;
    try {
      head = key.endsWith("/") ? null : head(key).orElse(null);
    } catch (SdkException e) {
      throw new IOException("cannot look up video " + video, e);
    }
    if (head == null) {
      throw new VideoNotFoundException(video);
    }
    if (head.contentLength() > settings.maxInputBytes()) {
      throw new VideoTooLargeException(video, head.contentLength(), settings.maxInputBytes());
    }
    Files.createDirectories(settings.tempDirectory());
    Path temp = Files.createTempFile(settings.tempDirectory(), "input-", suffixOf(key));
    try {
      download(video, key, head.eTag(), temp);
      return new LocalVideo(temp, true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  @Override
  public PendingOutput createOutput(String video, JobId job, int attempt) throws IOException {
    S3Location alias = aliasTarget(video);
    S3Location target = jobTarget(job);
    Files.createDirectories(settings.tempDirectory());
    // Only this machine's leftovers can be seen; a lost machine's went with it.
    for (int earlier = 1; earlier < attempt; earlier++) {
      try (DirectoryStream<Path> stale =
          Files.newDirectoryStream(
              settings.tempDirectory(), outputPrefix(job, earlier) + "*.mp4")) {
        for (Path file : stale) {
          Files.deleteIfExists(file);
        }
      }
    }
    // ".mp4" so ffmpeg picks the muxer from the name.
    Path temp = Files.createTempFile(settings.tempDirectory(), outputPrefix(job, attempt), ".mp4");
    return new UploadedOutput(temp, target, alias, job);
  }

  private static String outputPrefix(JobId job, int attempt) {
    return "output-" + job + "-a" + attempt + "-";
  }

  @Override
  public void deleteOutput(String video, JobId job) {
    S3Location target = jobTarget(job);
    S3Location alias = aliasTarget(video);
    try {
      Optional<HeadObjectResponse> held = head(alias.key());
      if (held.isPresent() && job.value().equals(held.get().metadata().get(ALIAS_JOB))) {
        s3.deleteObject(b -> b.bucket(alias.bucket()).key(alias.key()));
      }
      s3.deleteObject(b -> b.bucket(target.bucket()).key(target.key()));
    } catch (SdkException e) {
      throw new UncheckedIOException(new IOException("cannot delete the output of job " + job, e));
    }
  }

  @Override
  public String outputLocation(JobId job) {
    return jobTarget(job).toString();
  }

  /** A presigned GET of the job's own output, checked to exist first (else empty). */
  @Override
  public Optional<URI> outputLink(JobId job, Duration validFor) {
    if (presigner == null) {
      return Optional.empty();
    }
    S3Location target = jobTarget(job);
    try {
      s3.headObject(b -> b.bucket(target.bucket()).key(target.key()));
    } catch (S3Exception e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw new UncheckedIOException(new IOException("cannot look up the output of job " + job, e));
    } catch (SdkException e) {
      throw new UncheckedIOException(new IOException("cannot look up the output of job " + job, e));
    }
    GetObjectPresignRequest request =
        GetObjectPresignRequest.builder()
            .signatureDuration(validFor)
            .getObjectRequest(
                b -> b.bucket(target.bucket()).key(target.key()).responseContentType(OUTPUT_TYPE))
            .build();
    try {
      return Optional.of(presigner.presignGetObject(request).url().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK signed an invalid URL", e);
    }
  }

  @Override
  public String aliasLocation(String video) {
    return aliasTarget(video).toString();
  }

  @Override
  public PendingFile createSegment(JobId job, int index, int attempt) throws IOException {
    Files.createDirectories(settings.tempDirectory());
    Path temp = Files.createTempFile(settings.tempDirectory(), "segment-" + job + "-", ".mp4");
    S3Location target =
        new S3Location(
            settings.bucket(), segmentPrefix(job) + VideoStore.segmentName(index, attempt));
    return new PendingFile() {
      @Override
      public Path path() {
        return temp;
      }

      @Override
      public String commit() throws IOException {
        try {
          uploader.upload(temp, target);
        } catch (SdkException e) {
          throw new IOException("cannot upload segment " + index + " to " + target, e);
        }
        return target.toString();
      }

      @Override
      public void close() throws IOException {
        Files.deleteIfExists(temp);
      }
    };
  }

  @Override
  public LocalVideo fetchSegment(JobId job, String location) throws IOException {
    S3Location segment = S3Location.parse(location);
    if (!segment.bucket().equals(settings.bucket())
        || !segment.key().startsWith(segmentPrefix(job))) {
      throw new IOException("not a segment file of job " + job + ": " + location);
    }
    Files.createDirectories(settings.tempDirectory());
    Path temp = Files.createTempFile(settings.tempDirectory(), "segment-" + job + "-", ".mp4");
    try (ResponseInputStream<GetObjectResponse> in =
            s3.getObject(b -> b.bucket(segment.bucket()).key(segment.key()));
        OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
      in.transferTo(out);
      return new LocalVideo(temp, true);
    } catch (SdkException | IOException e) {
      deleteQuietly(temp, e);
      throw new IOException("cannot download segment " + location, e);
    }
  }

  @Override
  public void deleteSegments(JobId job) throws IOException {
    try {
      for (var object :
          s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(segmentPrefix(job)))
              .contents()) {
        s3.deleteObject(b -> b.bucket(settings.bucket()).key(object.key()));
      }
    } catch (SdkException e) {
      throw new IOException("cannot remove the segment files of job " + job, e);
    }
  }

  /** Beside the outputs, where a lifecycle rule can expire what a lost run left behind. */
  private String segmentPrefix(JobId job) {
    return settings.outputPrefix() + ".segments/" + job.value() + "/";
  }

  private S3Location jobTarget(JobId job) {
    return new S3Location(
        settings.bucket(), settings.outputPrefix() + JOB_OUTPUTS + VideoStore.jobOutputName(job));
  }

  private S3Location aliasTarget(String video) {
    String relative = inputKey(video).substring(settings.inputPrefix().length());
    int slash = relative.lastIndexOf('/');
    String parent = slash < 0 ? "" : relative.substring(0, slash + 1);
    String name = VideoStore.processedName(relative.substring(slash + 1));
    return new S3Location(settings.bucket(), settings.outputPrefix() + parent + name);
  }

  /** The object key for a video name, refusing any name that could reach outside the inputs. */
  String inputKey(String video) {
    if (video == null || video.isBlank()) {
      throw new InvalidVideoNameException("video name is empty");
    }
    if (video.length() > MAX_NAME_LENGTH || video.indexOf('\0') >= 0 || video.indexOf('\\') >= 0) {
      throw new InvalidVideoNameException("video name is not a valid object key");
    }
    VideoStore.checkPrintable(video);
    String key;
    if (S3Location.isUri(video)) {
      S3Location location;
      try {
        location = S3Location.parse(video);
      } catch (IllegalArgumentException e) {
        throw new InvalidVideoNameException(e.getMessage());
      }
      if (!location.bucket().equals(settings.bucket())
          || !location.key().startsWith(settings.inputPrefix())) {
        throw new InvalidVideoNameException("video is outside the input bucket and prefix");
      }
      key = location.key();
      checkSegments(key.substring(settings.inputPrefix().length()));
    } else {
      if (video.startsWith("/")) {
        throw new InvalidVideoNameException("video name must be relative to the input prefix");
      }
      checkSegments(video);
      key = settings.inputPrefix() + video;
    }
    // Job statuses share the bucket; they are never inputs.
    if (key.startsWith(settings.statusPrefix())) {
      throw new InvalidVideoNameException("video name points at the job status area");
    }
    return key;
  }

  private static void checkSegments(String relative) {
    if (relative.isEmpty()) {
      throw new InvalidVideoNameException("video name is empty");
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new InvalidVideoNameException("video name escapes the input prefix");
      }
    }
  }

  private Optional<HeadObjectResponse> head(String key) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(settings.bucket()).key(key)));
    } catch (S3Exception e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void download(String video, String key, String etag, Path temp) throws IOException {
    // If-Match: the bytes are those of the object whose size was checked, not a later upload.
    try (ResponseInputStream<GetObjectResponse> in =
            s3.getObject(b -> b.bucket(settings.bucket()).key(key).ifMatch(etag));
        OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
      copyAtMost(in, out, settings.maxInputBytes(), video);
    } catch (S3Exception e) {
      if (S3Errors.isNotFound(e)) {
        throw new VideoNotFoundException(video);
      }
      throw new IOException("cannot download video " + video, e);
    } catch (SdkException e) {
      throw new IOException("cannot download video " + video, e);
    }
  }

  private static void copyAtMost(InputStream in, OutputStream out, long limit, String video)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > limit) {
        throw new VideoTooLargeException(video, total, limit);
      }
      out.write(buffer, 0, n);
    }
  }

  private static String suffixOf(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 ? name.substring(dot) : "";
    return ext.matches("\\.[A-Za-z0-9]{1,8}") ? ext : ".video";
  }

  private static void deleteQuietly(Path temp, Exception cause) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /**
   * The alias is a copy of the job's output whose metadata names the job and its submission time;
   * it is replaced with a conditional PUT (If-Match on the ETag read, If-None-Match when absent),
   * so of two workers comparing at once the one that read a stale alias loses and compares again.
   */
  private final class UploadedOutput implements PendingOutput {
    private final Path path;
    private final S3Location target;
    private final S3Location alias;
    private final JobId job;

    UploadedOutput(Path path, S3Location target, S3Location alias, JobId job) {
      this.path = path;
      this.target = target;
      this.alias = alias;
      this.job = job;
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public String commit() throws IOException {
      commitTo(target);
      return target.toString();
    }

    @Override
    public Optional<String> publishAlias(Instant submittedAt) throws IOException {
      if (Files.size(path) > MAX_CONDITIONAL_PUT_BYTES) {
        // Larger than one PUT can carry: uploaded in parts, without the comparison.
        commitTo(alias);
        return Optional.of(alias.toString());
      }
      for (int attempt = 1; attempt <= MAX_ALIAS_ATTEMPTS; attempt++) {
        Optional<HeadObjectResponse> held;
        try {
          held = head(alias.key());
        } catch (SdkException e) {
          throw new IOException("cannot look up " + alias, e);
        }
        if (held.isPresent() && heldSubmission(held.get()).isAfter(submittedAt)) {
          return Optional.empty();
        }
        try {
          s3.putObject(
              b -> {
                b.bucket(alias.bucket())
                    .key(alias.key())
                    .contentType(OUTPUT_TYPE)
                    .metadata(
                        Map.of(ALIAS_JOB, job.value(), ALIAS_SUBMITTED, submittedAt.toString()));
                if (held.isPresent()) {
                  b.ifMatch(held.get().eTag());
                } else {
                  b.ifNoneMatch("*");
                }
              },
              RequestBody.fromFile(path));
          return Optional.of(alias.toString());
        } catch (S3Exception e) {
          if (!S3Errors.isConditionLost(e)) {
            throw new IOException("cannot publish " + alias, e);
          }
        } catch (SdkException e) {
          throw new IOException("cannot publish " + alias, e);
        }
      }
      throw new IOException(
          "other workers replaced " + alias + " " + MAX_ALIAS_ATTEMPTS + " times in a row");
    }

    private void commitTo(S3Location location) throws IOException {
      try {
        uploader.upload(path, location);
      } catch (SdkException e) {
        throw new IOException("cannot upload the output to " + location, e);
      }
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(path);
    }
  }

  /**
   * An alias without the metadata (written by hand, or before aliases had it) is older than any.
   */
  private static Instant heldSubmission(HeadObjectResponse head) {
    try {
      return Instant.parse(head.metadata().getOrDefault(ALIAS_SUBMITTED, ""));
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
