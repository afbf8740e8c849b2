package io.privacypal.worker.queue.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.job.FailureKind;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.status.StatusStoreException;
import io.privacypal.common.video.InvalidVideoNameException;
import io.privacypal.common.video.VideoNotFoundException;
import io.privacypal.common.video.VideoTooLargeException;
import io.privacypal.worker.video.InvalidVideoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FailurePolicyTest {

  @Test
  void inputThatCanNeverWorkIsPermanentEvenWhenWrapped() {
    List<Throwable> permanent =
        List.of(
            new InvalidVideoException("no video stream"),
            new VideoNotFoundException("a.mp4"),
            new VideoTooLargeException("s3://b/a.mp4", 5L << 30, 4L << 30),
            new InvalidVideoNameException("escapes"),
            new InvalidJobOptionsException("bad"),
            new DetectionException("AccessDeniedException", false, null),
            new RuntimeException("wrapper", new InvalidVideoException("truncated")));
    for (Throwable failure : permanent) {
      assertThat(FailurePolicy.permanentCause(failure)).as(failure.toString()).isPresent();
    }
  }

  @Test
  void passingFaultsAreRetried() {
    List<Throwable> transientFailures =
        List.of(
            new IOException("ffmpeg exited with 139"),
            new UncheckedIOException(new IOException("disk")),
            new DetectionException("ThrottlingException", true, null),
            new IllegalStateException("unexpected"));
    for (Throwable failure : transientFailures) {
      assertThat(FailurePolicy.permanentCause(failure)).as(failure.toString()).isEmpty();
    }
  }

  @Test
  void faultsOutsideOurCodeAreTransientAndOursAreInternal() {
    List<Throwable> outside =
        List.of(
            new IOException("ffmpeg exited with 139"),
            new UncheckedIOException(new IOException("disk")),
            new DetectionException("ThrottlingException", true, null),
            S3Exception.builder().message("Service Unavailable").statusCode(503).build(),
            SdkClientException.create("Unable to execute HTTP request: connect timed out"),
            new StatusStoreException("could not write the status", new IllegalStateException("s3")),
            new RuntimeException("wrapper", new IOException("broken pipe")));
    for (Throwable failure : outside) {
      assertThat(FailurePolicy.retryKind(failure))
          .as(failure.toString())
          .isEqualTo(FailureKind.TRANSIENT);
    }
    List<Throwable> ours =
        List.of(
            new IllegalStateException("unexpected"),
            new NullPointerException(),
            new IllegalStateException(
                "native code unavailable", new UnsatisfiedLinkError("libopencv")));
    for (Throwable failure : ours) {
      assertThat(FailurePolicy.retryKind(failure))
          .as(failure.toString())
          .isEqualTo(FailureKind.INTERNAL);
    }
  }
}
