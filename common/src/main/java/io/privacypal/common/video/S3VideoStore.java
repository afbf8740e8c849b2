package io.privacypal.common.video;

import io.privacypal.common.config.S3StorageSettings;
import io.privacypal.common.s3.S3Errors;
import io.privacypal.common.s3.S3FileUploader;
import io.privacypal.common.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Videos in an S3 bucket. A name is {@code s3://bucket/key} under the input prefix, or a key
 * relative to the input prefix. Inputs are downloaded to a temporary file for ffmpeg; outputs are
 * written to a temporary file and uploaded whole on commit as {@code <outputPrefix><name>-processed.mp4}.
 */
public final class S3VideoStore implements VideoStore {
  private static final int MAX_NAME_LENGTH = 1024;
  private static final String OUTPUT_TYPE = "video/mp4";

  private final S3Client s3;
  private final S3StorageSettings settings;
  private final S3FileUploader uploader;

  public S3VideoStore(S3Client s3, S3StorageSettings settings) {
    this.s3 = s3;
    this.settings = settings;
    this.uploader = new S3FileUploader(s3, settings.partSizeBytes(), OUTPUT_TYPE);
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
  public PendingOutput createOutput(String video, String job, int attempt) throws IOException {
    S3Location target = outputTarget(video);
    Files.createDirectories(settings.tempDirectory());
    // Only this machine's leftovers can be seen; a lost machine's went with it.
    for (int earlier = 1; earlier < attempt; earlier++) {
      try (DirectoryStream<Path> stale =
          Files.newDirectoryStream(settings.tempDirectory(), outputPrefix(job, earlier) + "*.mp4")) {
        for (Path file : stale) {
          Files.deleteIfExists(file);
        }
      }
    }
    // ".mp4" so ffmpeg picks the muxer from the name.
    Path temp = Files.createTempFile(settings.tempDirectory(), outputPrefix(job, attempt), ".mp4");
    return new UploadedOutput(temp, target, uploader);
  }

  private static String outputPrefix(String job, int attempt) {
    return "output-" + job + "-a" + attempt + "-";
  }

  @Override
  public void deleteOutput(String video) {
    S3Location target = outputTarget(video);
    s3.deleteObject(b -> b.bucket(target.bucket()).key(target.key()));
  }

  @Override
  public String outputLocation(String video) {
    return outputTarget(video).toString();
  }

  private S3Location outputTarget(String video) {
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

  private record UploadedOutput(Path path, S3Location target, S3FileUploader uploader)
      implements PendingOutput {
    @Override
    public String commit() throws IOException {
      try {
        uploader.upload(path, target);
      } catch (SdkException e) {
        throw new IOException("cannot upload the output to " + target, e);
      }
      return target.toString();
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(path);
    }
  }
}
