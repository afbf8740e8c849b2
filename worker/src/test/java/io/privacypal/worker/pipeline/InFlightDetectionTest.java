package io.privacypal.worker.pipeline;

import static io.privacypal.common.job.JobOptionsBuilder.aJobOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.detect.KeyframeImage;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.OutputCheck;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Several keyframe detections of one job in flight at once (a detector declaring it may). */
class InFlightDetectionTest {
  private static final int IN_FLIGHT = 3;

  /** Latches wait this long at most, so a broken pipeline fails the test instead of hanging it. */
  private static final long LATCH_SECONDS = 30;

  @RegisterExtension static final PipelineTestBed bed = new PipelineTestBed();

  @TempDir Path dir;

  private static JobOptions fill() {
    return aJobOptions().withBlurMode(BlurMode.FILL).withKeyframeInterval(0.1).build();
  }

  /** A detector of {@code IN_FLIGHT} calls at once, each taking a while, like a remote one. */
  private abstract static class SlowDetector implements FaceDetector {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunning = new AtomicInteger();

    @Override
    public final List<FaceBox> detect(KeyframeImage image) throws DetectionException {
      mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        return slowly(image);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DetectionException("interrupted", true, e);
      } finally {
        running.decrementAndGet();
      }
    }

    abstract List<FaceBox> slowly(KeyframeImage image)
        throws DetectionException, InterruptedException;

    @Override
    public String name() {
      return "slow";
    }

    @Override
    public int maxConcurrentCalls() {
      return IN_FLIGHT;
    }
  }

  @Test
  void keyframesAreSearchedConcurrentlyEachOnceAndEveryFaceIsStillCovered() throws Exception {
    TestVideo video = TestVideos.panning(dir, FacePhotos.sample(3), false);
    OutputCheck check = new OutputCheck(video);
    List<Double> detectedAt = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch secondCall = new CountDownLatch(2);
    SlowDetector slow =
        new SlowDetector() {
          @Override
          List<FaceBox> slowly(KeyframeImage image) throws InterruptedException {
            detectedAt.add(image.timestampSeconds());
            // The first call waits for the second to start, so an overlap is sure to be seen.
            secondCall.countDown();
            secondCall.await(LATCH_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(50);
            return bed.detector().detect(image);
          }
        };
    Path out = dir.resolve("out.mp4");

    JobStats stats =
        new AnonymizePipeline(slow, bed.settings())
            .process(
                new PipelineRequest(video.file(), out, fill()),
                ProgressListener.NONE,
                new Cancellation());

    assertThat(slow.mostRunning.get()).isBetween(2, IN_FLIGHT);
    // Keyframes every 0.1 s at 25 fps: every 3rd frame (2.5 rounded), then the last frame.
    List<Double> keyframes =
        IntStream.concat(
                IntStream.iterate(0, n -> n < TestVideos.FRAMES - 1, n -> n + 3),
                IntStream.of(TestVideos.FRAMES - 1))
            .mapToObj(n -> n / (double) TestVideos.FPS)
            .toList();
    assertThat(detectedAt).containsExactlyInAnyOrderElementsOf(keyframes);
    assertThat(stats.detectorCalls()).isEqualTo(keyframes.size());
    assertThat(stats.frames()).isEqualTo(TestVideos.FRAMES);
    List<byte[]> in = PipelineTestBed.gray(video.file());
    List<byte[]> result = PipelineTestBed.gray(out);
    assertThat(result).hasSize(in.size());
    double[] weakest = check.weakestFaceChange(in, result);
    for (int n = 0; n < weakest.length; n++) {
      assertThat(weakest[n]).as("weakest face change in frame %d", n).isGreaterThan(25);
    }
  }

  @Test
  void failureOfOneKeyframeAmongOthersInFlightFailsTheJobWithThatError() throws Exception {
    Path input = TestVideos.pattern(dir.resolve("in.mp4"), 320, 240, 3, true);
    Path output = dir.resolve("out.mp4");
    // Keyframes every 3rd frame; the 4th (frame 9) fails. The 3rd (frame 6) is still running when
    // it does, and the 5th (frame 12) has failed too, earlier, with an error of its own.
    double earlier = 6 / 25.0;
    double failing = 9 / 25.0;
    double later = 12 / 25.0;
    DetectionException expected = new DetectionException("throttled", true, null);
    CountDownLatch laterStarted = new CountDownLatch(1);
    CountDownLatch failed = new CountDownLatch(1);
    AtomicBoolean earlierOverlapped = new AtomicBoolean();
    AtomicBoolean laterRan = new AtomicBoolean();
    SlowDetector slow =
        new SlowDetector() {
          @Override
          List<FaceBox> slowly(KeyframeImage image)
              throws DetectionException, InterruptedException {
            double t = image.timestampSeconds();
            if (Math.abs(t - earlier) < 1e-6) {
              earlierOverlapped.set(failed.await(LATCH_SECONDS, TimeUnit.SECONDS));
            } else if (Math.abs(t - failing) < 1e-6) {
              laterStarted.await(LATCH_SECONDS, TimeUnit.SECONDS);
              failed.countDown();
              throw expected;
            } else if (Math.abs(t - later) < 1e-6) {
              laterRan.set(true);
              laterStarted.countDown();
              throw new DetectionException("a later keyframe's error", false, null);
            }
            Thread.sleep(50);
            return List.of();
          }
        };
    AnonymizePipeline pipeline = new AnonymizePipeline(slow, bed.settings());

    assertThatThrownBy(
            () ->
                pipeline.process(
                    new PipelineRequest(input, output, fill()),
                    ProgressListener.NONE,
                    new Cancellation()))
        .isSameAs(expected);
    assertThat(laterRan).as("the later keyframe was in flight").isTrue();
    assertThat(earlierOverlapped)
        .as("the earlier keyframe was in flight when the 4th failed")
        .isTrue();
    assertThat(output).doesNotExist();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.current().descendants().count() == 0 && detectThreads() == 0);
    assertThat(slow.running.get()).isZero();
  }

  private static long detectThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("detect-slow"))
        .count();
  }
}
