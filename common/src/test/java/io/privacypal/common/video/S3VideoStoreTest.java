package io.privacypal.common.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.privacypal.common.config.S3StorageSettings;
import io.privacypal.common.job.JobId;
import io.privacypal.common.s3.S3Location;
import io.privacypal.common.testing.S3TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3VideoStoreTest extends VideoStoreContract {
  private static final long MAX_INPUT = 1024;

  @RegisterExtension static final S3MockExtension S3_SERVER = S3TestServer.extension();

  static S3Client s3;
  @TempDir Path temp;
  String bucket;

  @BeforeAll
  static void connect() {
    s3 = S3TestServer.client(S3_SERVER);
  }

  @AfterAll
  static void disconnect() {
    s3.close();
  }

  private S3StorageSettings settings(String inputPrefix) {
    return new S3StorageSettings(
        bucket,
        inputPrefix,
        "processed/",
        "jobs/",
        temp,
        MAX_INPUT,
        S3StorageSettings.MIN_PART_SIZE);
  }

  @Override
  protected VideoStore openStore() {
    bucket = S3TestServer.newBucket(s3, "videos");
    return new S3VideoStore(s3, settings("uploads/"));
  }

  @Override
  protected void addVideo(String name, byte[] content) {
    putObject("uploads/" + name, content);
  }

  @Override
  protected void addOutsideSecret(byte[] content) {
    putObject("secret.mp4", content);
  }

  @Override
  protected byte[] readPublished(String location) {
    S3Location at = S3Location.parse(location);
    return s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asByteArray();
  }

  @Override
  protected List<String> publishedOutputs() throws IOException {
    List<String> found =
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("processed/")).contents().stream()
            .map(o -> new S3Location(bucket, o.key()).toString())
            .collect(Collectors.toList());
    // Local temporary outputs count too: an abandoned output must leave none.
    try (Stream<Path> files = Files.list(temp)) {
      files.forEach(p -> found.add(p.toString()));
    }
    return found;
  }

  private void putObject(String key, byte[] content) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  @Test
  void s3UrisUnderTheInputPrefixNameTheSameVideosAsPlainNames() throws IOException {
    String uri = "s3://" + bucket + "/uploads/sub/inner.mov";

    assertThat(store.exists(uri)).isTrue();
    assertThat(store.aliasLocation(uri))
        .isEqualTo("s3://" + bucket + "/processed/sub/inner-processed.mp4")
        .isEqualTo(store.aliasLocation("sub/inner.mov"));
    try (LocalVideo video = store.fetch(uri)) {
      assertThat(video.path()).hasBinaryContent(bytes("inner"));
    }
  }

  @Test
  void s3UrisOutsideTheInputBucketOrPrefixAreRefused() {
    for (String bad :
        List.of(
            "s3://other-bucket/uploads/clip.mp4",
            "s3://" + bucket + "/secret.mp4",
            "s3://" + bucket + "/uploads/../secret.mp4",
            "s3://" + bucket + "/uploadsX/clip.mp4",
            "s3:///uploads/clip.mp4")) {
      assertThatThrownBy(() -> store.exists(bad))
          .as(bad)
          .isInstanceOf(InvalidVideoNameException.class);
    }
  }

  @Test
  void jobStatusObjectsAreNeverInputsEvenWithoutAnInputPrefix() {
    putObject("jobs/j1.json", bytes("{}"));
    VideoStore wholeBucket = new S3VideoStore(s3, settings(""));

    assertThat(wholeBucket.exists("secret.mp4")).isTrue();
    assertThatThrownBy(() -> wholeBucket.exists("jobs/j1.json"))
        .isInstanceOf(InvalidVideoNameException.class);
  }

  @Test
  void aFetchedCopyIsATemporaryFileDeletedOnClose() throws IOException {
    Path path;
    try (LocalVideo video = store.fetch("clip.mp4")) {
      path = video.path();
      assertThat(video.temporary()).isTrue();
      assertThat(path).startsWith(temp).hasBinaryContent(bytes("clip"));
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void aVideoOverTheSizeLimitIsRefusedBeforeAnythingIsDownloaded() throws IOException {
    addVideo("huge.mp4", new byte[(int) MAX_INPUT + 1]);

    assertThatThrownBy(() -> store.fetch("huge.mp4"))
        .isInstanceOf(VideoTooLargeException.class)
        .hasMessageContaining("1025 bytes")
        .hasMessageContaining("limit of 1024 bytes");
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aLargeOutputGoesUpInPartsAndArrivesWhole() throws IOException {
    byte[] content = new byte[(int) (2.5 * S3StorageSettings.MIN_PART_SIZE)];
    new Random(42).nextBytes(content);

    String location;
    try (PendingOutput output = store.createOutput("clip.mp4", JobId.of("job1"), 1)) {
      Files.write(output.path(), content);
      location = output.commit();
    }

    assertThat(readPublished(location)).isEqualTo(content);
    String etag = s3.headObject(b -> b.bucket(bucket).key("processed/jobs/job1.output.mp4")).eTag();
    // A multipart object's ETag ends in -<number of parts>.
    assertThat(etag.replace("\"", "")).endsWith("-3");
  }

  @Test
  void anOutputLinkIsAShortLivedPresignedGetOfTheJobsOwnOutputThatServesRanges() throws Exception {
    bucket = S3TestServer.newBucket(s3, "links");
    try (S3Presigner presigner = S3TestServer.presigner(S3_SERVER)) {
      S3VideoStore store = new S3VideoStore(s3, settings("uploads/"), presigner);
      JobId job = JobId.of("linked");
      assertThat(store.outputLink(job, Duration.ofMinutes(5)))
          .as("nothing published yet")
          .isEmpty();
      try (PendingOutput output = store.createOutput("clip.mp4", job, 1)) {
        Files.writeString(output.path(), "the anonymized video");
        output.commit();
      }

      URI link = store.outputLink(job, Duration.ofMinutes(5)).orElseThrow();

      assertThat(link.getQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
      assertThat(link.getPath()).endsWith("/jobs/linked.output.mp4");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> whole =
          http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo("the anonymized video");
      HttpResponse<String> range =
          http.send(
              HttpRequest.newBuilder(link).header("Range", "bytes=4-13").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.body()).isEqualTo("anonymized");
      assertThat(store.outputLink(JobId.of("other"), Duration.ofMinutes(5))).isEmpty();
    }
  }

  @Test
  void aStoreWithoutAPresignerOffersNoLinks() throws Exception {
    VideoStore store = openStore();
    try (PendingOutput output = store.createOutput("clip.mp4", JobId.of("j"), 1)) {
      Files.writeString(output.path(), "x");
      output.commit();
    }
    assertThat(store.outputLink(JobId.of("j"), Duration.ofMinutes(5))).isEmpty();
  }
}
