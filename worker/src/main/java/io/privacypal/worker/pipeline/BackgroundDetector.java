package io.privacypal.worker.pipeline;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.worker.timing.Lap;
import io.privacypal.worker.timing.TimeTotal;
import io.privacypal.worker.video.Frame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/**
 * Runs one job's keyframe detections on threads of their own, so the frame loop keeps decoding
 * while keyframes are being searched: up to {@link #concurrency()} at once, as many as the detector
 * says may usefully overlap. The caller keeps no more than that many pending. A frame must stay
 * untouched until {@link #await} returns for it.
 */
final class BackgroundDetector implements AutoCloseable {
  private final FaceDetector shared;

  /** The shared detector's view of this job's video (it may remember earlier keyframes). */
  private final FaceDetector detector;

  private final boolean enabled;
  private final int concurrency;
  private final ExecutorService threads;
  private final AtomicLong calls = new AtomicLong();
  private final TimeTotal time;

  /**
   * @param time where the calls' time is counted
   */
  BackgroundDetector(FaceDetector detector, boolean enabled, TimeTotal time) {
    this.time = time;
    this.shared = detector;
    this.detector = detector.forVideo();
    this.enabled = enabled;
    this.concurrency = concurrency(detector);
    AtomicInteger started = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            concurrency,
            task -> {
              Thread t =
                  new Thread(task, "detect-" + detector.name() + "-" + started.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** How many detections of this job may be pending at once. */
  int concurrency() {
    return concurrency;
  }

  static int concurrency(FaceDetector detector) {
    return Math.max(1, detector.maxConcurrentCalls());
  }

  Future<List<FaceBox>> submit(Frame frame) {
    if (!enabled) {
      return CompletableFuture.completedFuture(List.of());
    }
    calls.incrementAndGet();
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    return threads.submit(
        () -> {
          // The job id travels with the work, so the detector's log lines carry it too.
          if (logContext != null) {
            MDC.setContextMap(logContext);
          }
          Lap lap = Lap.start();
          try {
            return detector.detect(frame.asKeyframe());
          } finally {
            time.add(lap);
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

  /** Stops the threads; waits briefly so no detection still reads a frame after the job ends. */
  @Override
  public void close() {
    threads.shutdownNow();
    boolean stopped = false;
    try {
      stopped = threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Only what this video's detector remembers; a call still running would keep using it.
    if (stopped && detector != shared) {
      detector.close();
    }
  }
}
