package io.privacypal.worker.pipeline;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.worker.video.Frame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/**
 * Runs one job's keyframe detections on a thread of their own, so the frame loop keeps decoding
 * the next window while a keyframe is being searched. The frame must stay untouched until {@link
 * #await} returns.
 */
final class BackgroundDetector implements AutoCloseable {
  private final FaceDetector detector;
  private final boolean enabled;
  private final ExecutorService thread;
  private final AtomicLong calls = new AtomicLong();

  BackgroundDetector(FaceDetector detector, boolean enabled) {
    this.detector = detector;
    this.enabled = enabled;
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "detect-" + detector.name());
              t.setDaemon(true);
              return t;
            });
  }

  Future<List<FaceBox>> submit(Frame frame) {
    if (!enabled) {
      return CompletableFuture.completedFuture(List.of());
    }
    calls.incrementAndGet();
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    return thread.submit(
        () -> {
          // The job id travels with the work, so the detector's log lines carry it too.
          if (logContext != null) {
            MDC.setContextMap(logContext);
          }
          try {
            return detector.detect(frame.asKeyframe());
          } finally {
            MDC.clear();
          }
        });
  }

  static List<FaceBox> await(Future<List<FaceBox>> faces)
      throws DetectionException, InterruptedException {
    try {
      return faces.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DetectionException) {
        throw (DetectionException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("face detection failed", cause);
    }
  }

  long calls() {
    return calls.get();
  }

  /** Stops the thread; waits briefly so no detection still reads a frame after the job ends. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
