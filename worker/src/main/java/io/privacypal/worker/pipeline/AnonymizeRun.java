package io.privacypal.worker.pipeline;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.worker.blur.FrameBlurrer;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.track.FaceFollower;
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
import org.opencv.core.Mat;

/**
 * One job's frame loop: decode, detect on keyframes (every interval, and at scene cuts) in the
 * background, buffer the frames up to each keyframe, then track them once its faces are known, and
 * blur and encode them once the next keyframe's faces are known too (a face first found there may
 * have been in these frames already). Up to K keyframes (the detector's {@link
 * FaceDetector#maxConcurrentCalls()}) are searched at once and their results used strictly in
 * keyframe order, so at most K + 2 keyframe windows of frames are in memory: one tracked and held,
 * K waiting for faces, one being decoded.
 */
final class AnonymizeRun {
  private final VideoInfo info;
  private final JobOptions options;
  private final FaceDetector detector;
  private final Cancellation cancellation;
  private final ProgressThrottle progress;
  private final int keyframeInterval;
  private final int inFlight;
  private final KeyframeTracker tracker;
  private final FaceFollower follower;
  private final FrameBlurrer blurrer;
  private final long started = System.nanoTime();
  private long framesWritten;
  private BackgroundDetector detections;
  /** The last tracked window, written when the next one is tracked. */
  private final List<Frame> held = new ArrayList<>();
  private List<List<FaceBox>> heldBoxes = List.of();

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
    this.tracker = new KeyframeTracker(info.paddedWidth(), info.paddedHeight(), info.frameRate());
    this.follower = new FaceFollower(info.paddedWidth(), info.paddedHeight(), info.frameRate());
  }

  static int keyframeInterval(double seconds, double frameRate) {
    return (int) Math.max(1, Math.round(seconds * frameRate));
  }

  JobStats run(FrameReader reader, FrameWriter writer)
      throws IOException, DetectionException, JobCancelledException, InterruptedException {
    // One window held, inFlight waiting for their keyframes' faces, one being decoded meanwhile.
    try (FramePool pool =
            new FramePool(
                info.paddedWidth(), info.paddedHeight(), (inFlight + 2) * keyframeInterval + 1);
        SceneCutDetector cuts = new SceneCutDetector();
        BackgroundDetector detections = new BackgroundDetector(detector, options.blurFaces())) {
      this.detections = detections;
      Deque<Window> pending = new ArrayDeque<>();
      List<Frame> collecting = new ArrayList<>();
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
            trackOldest(pending, writer, pool);
          }
          pending.add(new Window(collecting, detections.submit(frame), cut));
          collecting = new ArrayList<>();
          lastKeyframe = frame.index();
        }
        // Windows whose faces are already known (or failed) go out at once, in keyframe order.
        while (!pending.isEmpty() && pending.peek().faces().isDone()) {
          trackOldest(pending, writer, pool);
        }
      }
      cancellation.throwIfCancelled();
      while (!pending.isEmpty()) {
        trackOldest(pending, writer, pool);
      }
      if (!collecting.isEmpty()) {
        // The video ended between keyframes: the last frame closes the window.
        Frame last = collecting.get(collecting.size() - 1);
        track(collecting, BackgroundDetector.await(detections.submit(last)), false, writer, pool);
      }
      writeHeld(writer, pool);
      JobStats stats = stats();
      progress.done(stats);
      return stats;
    }
  }

  /** A window of frames up to a keyframe, and that keyframe's detection. */
  private record Window(List<Frame> frames, Future<List<FaceBox>> faces, boolean cut) {}

  /** Waits for the oldest pending keyframe's faces and tracks its window. */
  private void trackOldest(Deque<Window> pending, FrameWriter writer, FramePool pool)
      throws IOException, DetectionException, JobCancelledException, InterruptedException {
    Window window = pending.remove();
    track(window.frames(), BackgroundDetector.await(window.faces()), window.cut(), writer, pool);
  }

  /** Tracks a window whose keyframe's faces are known, then writes the one held before it. */
  private void track(
      List<Frame> window, List<FaceBox> faces, boolean cut, FrameWriter writer, FramePool pool)
      throws IOException, JobCancelledException {
    KeyframeTracker.Covers covers = tracker.next(faces, window.size(), cut, held.size());
    for (int i = 0; i < held.size(); i++) {
      heldBoxes.get(i).addAll(covers.earlier().get(i));
    }
    follow(covers, window);
    writeHeld(writer, pool);
    held.addAll(window);
    heldBoxes = covers.frames();
    window.clear();
  }

  /**
   * Follows the faces whose way between the keyframes is unknown through the frames themselves:
   * those of the previous keyframe (the held window's last frame) forwards through this window,
   * those of this keyframe backwards through it and the held window.
   */
  private void follow(KeyframeTracker.Covers covers, List<Frame> window) {
    if (held.isEmpty() || window.isEmpty()
        || (covers.uncertainBefore().isEmpty() && covers.uncertainAfter().isEmpty())) {
      return;
    }
    Frame previousKeyframe = held.get(held.size() - 1);
    List<Mat> forwards = new ArrayList<>();
    for (Frame frame : window) {
      forwards.add(frame.y());
    }
    for (FaceBox face : covers.uncertainBefore()) {
      List<FaceBox> path = follower.follow(previousKeyframe.y(), face, forwards);
      for (int i = 0; i < path.size(); i++) {
        covers.frames().get(i).add(path.get(i));
      }
    }
    // Backwards: this window's frames before the keyframe, then the held window's, last first.
    List<Mat> backwards = new ArrayList<>();
    for (int i = window.size() - 2; i >= 0; i--) {
      backwards.add(window.get(i).y());
    }
    for (int i = held.size() - 1; i >= 0; i--) {
      backwards.add(held.get(i).y());
    }
    Frame keyframe = window.get(window.size() - 1);
    for (FaceBox face : covers.uncertainAfter()) {
      List<FaceBox> path = follower.follow(keyframe.y(), face, backwards);
      for (int n = 0; n < path.size(); n++) {
        int i = window.size() - 2 - n;
        if (i >= 0) {
          covers.frames().get(i).add(path.get(n));
        } else {
          heldBoxes.get(held.size() + i).add(path.get(n));
        }
      }
    }
  }

  private void writeHeld(FrameWriter writer, FramePool pool)
      throws IOException, JobCancelledException {
    for (int i = 0; i < held.size(); i++) {
      cancellation.throwIfCancelled();
      Frame frame = held.get(i);
      blurrer.apply(frame, areas(frame, heldBoxes.get(i)));
      writer.write(frame);
      framesWritten++;
      progress.report(Math.min(0.99, (double) framesWritten / Math.max(1, info.estimatedFrames())), stats());
    }
    held.forEach(pool::release);
    held.clear();
  }

  private List<PixelBox> areas(Frame frame, List<FaceBox> faces) {
    List<PixelBox> areas = new ArrayList<>(faces.size() + options.regions().size());
    for (FaceBox face : faces) {
      PixelBox.cover(face, options.boxScale(), frame.width(), frame.height()).ifPresent(areas::add);
    }
    for (BlurRegion region : options.regions()) {
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
