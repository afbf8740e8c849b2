package io.privacypal.worker.detect.rekognition;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.DetectFacesRequest;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * Face detection by AWS Rekognition DetectFaces. The frame is uploaded as a JPEG in the request (no
 * S3). One instance serves every job slot of a process: a shared rate limiter keeps the process
 * under its quota, and the SDK's standard retry strategy retries throttling and server errors.
 */
public final class RekognitionFaceDetector implements FaceDetector {
  /** Errors that no retry can fix: the job fails for good and names the error. */
  private static final Set<String> PERMANENT_ERRORS =
      Set.of(
          "InvalidImageFormatException",
          "ImageTooLargeException",
          "AccessDeniedException",
          "InvalidParameterException");

  private final RekognitionClient client;
  private final RekognitionSettings settings;
  private final RateLimiter limiter;
  private final JpegFrameEncoder encoder;
  private final AtomicLong calls = new AtomicLong();

  public RekognitionFaceDetector(RekognitionClient client, RekognitionSettings settings) {
    this(client, settings, JpegFrameEncoder.REKOGNITION_MAX_IMAGE_BYTES);
  }

  /** {@code maxImageBytes} lowers Rekognition's 5 MB limit, for tests of the size fitting. */
  RekognitionFaceDetector(
      RekognitionClient client, RekognitionSettings settings, int maxImageBytes) {
    this.client = client;
    this.settings = settings;
    this.limiter = new RateLimiter(settings.maxTransactionsPerSecond());
    this.encoder = new JpegFrameEncoder(settings.jpegQuality(), maxImageBytes);
  }

  /**
   * A detector with a client configured from the environment (AWS_ENDPOINT_URL_REKOGNITION too).
   */
  public static RekognitionFaceDetector create(ConfigSource config) {
    RekognitionSettings settings = RekognitionSettings.from(config);
    RekognitionClient client =
        new AwsClientFactory(config)
            .configure(
                RekognitionClient.builder().overrideConfiguration(clientOverrides(settings)),
                "REKOGNITION");
    return new RekognitionFaceDetector(client, settings);
  }

  /**
   * The SDK's standard retries (backoff with jitter, longer after throttling), capped in attempts.
   */
  public static ClientOverrideConfiguration clientOverrides(RekognitionSettings settings) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .build())
        .build();
  }

  @Override
  public String name() {
    return "rekognition";
  }

  /**
   * A call mostly waits on the network: a job keeps several in flight (the rate limit still holds).
   */
  @Override
  public int maxConcurrentCalls() {
    return settings.concurrency();
  }

  /** DetectFaces calls made so far (each may have been several HTTP attempts). */
  public long calls() {
    return calls.get();
  }

  @Override
  public List<FaceBox> detect(KeyframeImage image) throws DetectionException {
    EncodedFrame frame;
    try {
      frame = encoder.encode(image);
    } catch (IllegalStateException e) {
      throw new DetectionException(
          "frame not uploadable to Rekognition: " + e.getMessage(), false, e);
    }
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DetectionException("interrupted while waiting for a Rekognition slot", true, e);
    }
    calls.incrementAndGet();
    DetectFacesResponse response = call(frame);
    return BoxConverter.toPixels(
        response.faceDetails(), image.width(), image.height(), settings.minConfidence());
  }

  private DetectFacesResponse call(EncodedFrame frame) throws DetectionException {
    DetectFacesRequest request =
        DetectFacesRequest.builder()
            .image(Image.builder().bytes(SdkBytes.fromByteArrayUnsafe(frame.jpeg())).build())
            .attributes(Attribute.DEFAULT)
            .build();
    try {
      return client.detectFaces(request);
    } catch (AwsServiceException e) {
      throw serviceFailure(e);
    } catch (AbortedException e) {
      // The SDK aborts a call when its thread is interrupted; keep the flag for the pipeline.
      Thread.currentThread().interrupt();
      throw new DetectionException("Rekognition call interrupted", true, e);
    } catch (SdkClientException e) {
      // Network failures and timeouts, after the SDK's own retries.
      throw new DetectionException("Rekognition unreachable: " + e.getMessage(), true, e);
    }
  }

  static DetectionException serviceFailure(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String name = code != null ? code : e.getClass().getSimpleName();
    String message =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    String reason = "Rekognition " + name + (message == null ? "" : ": " + message);
    // Throttling (the SDK's list has ThrottlingException and
    // ProvisionedThroughputExceededException;
    // Rekognition sends the former as HTTP 500) and server errors are what the SDK retries: if they
    // outlived the retries, a later attempt of the job may succeed. Any other client error would
    // fail the same way again.
    boolean retryable =
        !PERMANENT_ERRORS.contains(name) && (e.isThrottlingException() || e.statusCode() >= 500);
    return new DetectionException(reason, retryable, e);
  }

  @Override
  public void close() {
    client.close();
  }
}
