package io.privacypal.common.testing;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An in-JVM S3-compatible server (Adobe S3Mock) for tests: plain HTTP on free ports, its files
 * under {@code target/}. Register with {@code @RegisterExtension static final S3MockExtension}.
 */
public final class S3TestServer {
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private S3TestServer() {}

  public static S3MockExtension extension() {
    return S3MockExtension.builder()
        .withSecureConnection(false)
        .withHttpPort(0)
        .withHttpsPort(0)
        .withRootFolder(Path.of("target", "s3mock").toAbsolutePath().toString())
        .silent()
        .build();
  }

  /** A client built the way the services build theirs, pointed at the test server. */
  public static S3Client client(S3MockExtension server) {
    return new AwsClientFactory(
            ConfigSource.of(
                Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + server.getHttpPort())))
        .s3();
  }

  /** A presigner built the way the gateway builds its own, for the test server. */
  public static S3Presigner presigner(S3MockExtension server) {
    return new AwsClientFactory(
            ConfigSource.of(
                Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + server.getHttpPort())))
        .s3Presigner();
  }

  /** A new empty bucket, so tests sharing one server do not see each other's objects. */
  public static String newBucket(S3Client s3, String purpose) {
    String bucket = purpose + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(bucket));
    return bucket;
  }
}
