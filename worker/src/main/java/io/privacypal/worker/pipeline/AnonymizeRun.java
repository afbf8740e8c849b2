package io.privacypal.worker.pipeline;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.Region;
import io.privacypal.worker.blur.FrameBlurrer;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.track.KeyframeTracker;
import io.privacypal.worker.track.SceneCutDetector;
import io.privacypal.worker.video.Frame;
import io.privacypal.worker.video.FramePool;
import io.privacypal.worker.video.FrameReader;
import io.privacypal.worker.video.FrameWriter;
import io.privacypal.worker.video.VideoInfo;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One job's frame loop: decode, detect on keyframes (every interval, and at scene cuts) in the
 * background, buffer the frames up to each keyframe, then track, blur and encode them once its
 * faces are known. Up to K keyframes (the detector's {@link FaceDetector#maxConcurrentCalls()}) are
 * searched at once and their results used strictly in keyframe order, so at most K + 1 keyframe
 * windows of frames are in memory: K waiting for faces, one being decoded.
 */
final class AnonymizeRun {
  private final VideoInfo info;
  private final JobOptions options;
  private final FaceDetector detector;
  private final Cancellation cancellation;
  private final ProgressThrottle progress;
  private final int keyframeInterval;
  private final int inFlight;
  private final KeyframeTracker tracker = new KeyframeTracker();
  private final FrameBlurrer blurrer;
  private final long started = System.nanoTime();
  private long framesWritten;
  private BackgroundDetector detections;

  AnonymizeRun(
      VideoInfo info,
      JobOptions options,
      FaceDetector detector,
      Cancellation cancellation,
      ProgressListener listener) {
    this.info = info;
    this.options = options;
    this.detector = detector;
    this.cancellation = cancellation;
    this.progress = new ProgressThrottle(listener);
    this.keyframeInterval = keyframeInterval(options.keyframeIntervalSeconds(), info.frameRate());
    this.inFlight = BackgroundDetector.concurrency(detector);
    this.blurrer = new FrameBlurrer(options.blurMode(), options.mask());
  }

  static int keyframeInterval(double seconds, double frameRate) {
    return (int) Math.max(1, Math.round(seconds * frameRate));
  }

  JobStats run(FrameReader reader, FrameWriter writer)
      throws IOException, DetectionException, JobCancelledException, InterruptedException {
    // inFlight windows waiting for their keyframes' faces, one being decoded meanwhile.
    try (FramePool pool =
            new FramePool(
                info.paddedWidth(), info.paddedHeight(), (inFlight + 1) * keyframeInterval + 1);
        SceneCutDetector cuts = new SceneCutDetector();
        BackgroundDetector detections = new BackgroundDetector(detector, options.blurFaces())) {
      this.detections = detections;
      Deque<Window> pending = new ArrayDeque<>();
      List<Frame> collecting = new ArrayList<>();
      List<FaceBox> lastFaces = null;
      long lastKeyframe = -1;
      while (true) {
        cancellation.throwIfCancelled();
        Frame frame = pool.acquire();
        if (!reader.read(frame)) {
          pool.release(frame);
          break;
        }
        collecting.add(frame);
        boolean cut = cuts.isCut(frame.y());
        if (lastKeyframe < 0 || cut || frame.index() - lastKeyframe >= keyframeInterval) {
          // Block rather than grow: the oldest window goes out before another keyframe is sent.
          while (pending.size() >= inFlight) {
            lastFaces = flushOldest(pending, lastFaces, writer, pool);
          }
          pending.add(new Window(collecting, detections.submit(frame), cut));
          collecting = new ArrayList<>();
          lastKeyframe = frame.index();
        }
        // Windows whose faces are already known (or failed) go out at once, in keyframe order.
        while (!pending.isEmpty() && pending.peek().faces().isDone()) {
          lastFaces = flushOldest(pending, lastFaces, writer, pool);
        }
      }
      cancellation.throwIfCancelled();
      while (!pending.isEmpty()) {
        lastFaces = flushOldest(pending, lastFaces, writer, pool);
      }
      if (!collecting.isEmpty()) {
        // The video ended between keyframes: the last frame closes the window.
        Frame last = collecting.get(collecting.size() - 1);
        List<FaceBox> faces = BackgroundDetector.await(detections.submit(last));
        flush(collecting, lastFaces, faces, false, writer, pool);
      }
      JobStats stats = stats();
      progress.done(stats);
      return stats;
    }
  }

  /** A window of frames up to a keyframe, and that keyframe's detection. */
  private record Window(List<Frame> frames, Future<List<FaceBox>> faces, boolean cut) {}

  /** Waits for the oldest pending keyframe's faces, writes its window; returns those faces. */
  private List<FaceBox> flushOldest(
      Deque<Window> pending, List<FaceBox> previous, FrameWriter writer, FramePool pool)
      throws IOException, DetectionException, JobCancelledException, InterruptedException {
    Window window = pending.remove();
    List<FaceBox> faces = BackgroundDetector.await(window.faces());
    flush(window.frames(), previous, faces, window.cut(), writer, pool);
    return faces;
  }

  private void flush(
      List<Frame> window,
      List<FaceBox> previous,
      List<FaceBox> current,
      boolean cut,
      FrameWriter writer,
      FramePool pool)
      throws IOException, JobCancelledException {
    List<List<FaceBox>> boxes = tracker.between(previous, current, window.size(), cut);
    for (int i = 0; i < window.size(); i++) {
      cancellation.throwIfCancelled();
      Frame frame = window.get(i);
      blurrer.apply(frame, areas(frame, boxes.get(i)));
      writer.write(frame);
      framesWritten++;
      progress.report(Math.min(0.99, (double) framesWritten / Math.max(1, info.estimatedFrames())), stats());
    }
    window.forEach(pool::release);
    window.clear();
  }

  private List<PixelBox> areas(Frame frame, List<FaceBox> faces) {
    List<PixelBox> areas = new ArrayList<>(faces.size() + options.regions().size());
    for (FaceBox face : faces) {
      PixelBox.cover(face, options.boxScale(), frame.width(), frame.height()).ifPresent(areas::add);
    }
    for (Region region : options.regions()) {
      if (region.activeAt(frame.timeSeconds())) {
        PixelBox.of(region, frame.width(), frame.height()).ifPresent(areas::add);
      }
    }
    return areas;
  }

  private JobStats stats() {
    return new JobStats(
        framesWritten,
        detections == null ? 0 : detections.calls(),
        framesWritten / info.frameRate(),
        (System.nanoTime() - started) / 1e9);
  }
}
