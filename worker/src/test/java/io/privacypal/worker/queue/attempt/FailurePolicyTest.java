package io.privacypal.worker.queue.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.video.InvalidVideoNameException;
import io.privacypal.common.video.VideoNotFoundException;
import io.privacypal.common.video.VideoTooLargeException;
import io.privacypal.worker.pipeline.InvalidVideoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
