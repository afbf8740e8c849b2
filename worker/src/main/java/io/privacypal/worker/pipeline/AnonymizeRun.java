package io.privacypal.worker.pipeline;

import io.privacypal.common.detect.DetectionException;
import io.privacypal.common.detect.FaceBox;
import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.blur.FrameBlurrer;
import io.privacypal.worker.blur.PixelBox;
import io.privacypal.worker.timing.Lap;
import io.privacypal.worker.track.FaceTracker;
import io.privacypal.worker.track.KeyframeSchedule;
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
 * background, buffer the frames up to each keyframe, then track them once its faces are known, and
 * blur and encode them once the next keyframe's faces are known too (a face first found there may
 * have been in these frames already). Up to K keyframes (the detector's {@link
 * FaceDetector#maxConcurrentCalls()}) are searched at once, one more waits its turn, and their
 * results are used strictly in keyframe order, so at most K + 3 keyframe windows of frames are in
 * memory: one tracked and held, K + 1 waiting for faces, one being decoded.
 */
final class AnonymizeRun {
  private final VideoInfo info;
  private final JobOptions options;

  /** Null for a whole video; else only its kept frames are written. */
  private final FrameRange range;

  private final FaceDetector detector;
  private final Cancellation cancellation;
  private final ProgressThrottle progress;
  private final int keyframeInterval;

  /**
   * Keyframes sent to the detector beyond those it works on at once: the next one is already
   * decoded when a call ends, so the detector never waits for the decoder. With the local detector
   * (one call at a time) on 2 cores this took a 10 s 720p clip with faces from 8.3-8.6 s to 7.4-7.6
   * s, for one more window of frames in memory; the faces found are the same, since the detector
   * still searches the keyframes one by one in order.
   */
  static final int QUEUED_KEYFRAMES = 1;

  /** Keyframes sent to the detector whose windows are not yet tracked. */
  private final int inFlight;

  private final FaceTracker tracker;
  private final FrameBlurrer blurrer;
  private final double coverScale;
  private final StageClock clock;
  private long framesWritten;

  /**
   * The last frame the tracker handed back: it may gain covers until the next window is tracked.
   */
  private FaceTracker.CoveredFrame unwritten;

  private boolean finished;
  private BackgroundDetector detections;

  AnonymizeRun(
      VideoInfo info,
      JobOptions options,
      FrameRange range,
      FaceDetector detector,
      Cancellation cancellation,
      ProgressListener listener,
      FrameBudget budget,
      StageClock clock) {
    this.info = info;
    this.clock = clock;
    this.options = options;
    this.range = range;
    this.detector = detector;
    this.cancellation = cancellation;
    this.progress = new ProgressThrottle(listener);
    this.inFlight = BackgroundDetector.concurrency(detector) + QUEUED_KEYFRAMES;
    this.keyframeInterval =
        budget.keyframeInterval(
            keyframeInterval(options.keyframeIntervalSeconds(), info.frameRate()),
            inFlight + 2,
            info.paddedWidth(),
            info.paddedHeight());
    this.blurrer = new FrameBlurrer(options.blurMode(), options.mask());
    this.coverScale = PixelBox.scaleFor(options.boxScale(), detector.faceShare());
    this.tracker =
        new FaceTracker(
            info.paddedWidth(), info.paddedHeight(), info.frameRate(), detector.faceShare());
  }

  static int keyframeInterval(double seconds, double frameRate) {
    return (int) Math.max(1, Math.round(seconds * frameRate));
  }

  /** Decodes, detects, tracks, blurs and writes every frame; the caller then finishes the pipes. */
  void run(FrameReader reader, FrameWriter writer)
      throws IOException, DetectionException, JobCancelledException, InterruptedException {
    // One window held, inFlight waiting for their keyframes' faces, one being decoded meanwhile,
    // and the keyframe before the held one, written once the next window is tracked.
    try (FramePool pool =
            new FramePool(
                info.paddedWidth(),
                info.paddedHeight(),
                FrameBudget.poolFrames(keyframeInterval, inFlight + 2));
        KeyframeSchedule schedule = new KeyframeSchedule(keyframeInterval);
        BackgroundDetector detections =
            new BackgroundDetector(detector, options.blurFaces(), clock.detect())) {
      this.detections = detections;
      Deque<Window> pending = new ArrayDeque<>();
      List<Frame> collecting = new ArrayList<>();
      while (true) {
        cancellation.throwIfCancelled();
        Frame frame = pool.acquire();
        if (!reader.read(frame)) {
          pool.release(frame);
          break;
        }
        clock.frameDecoded();
        collecting.add(frame);
        KeyframeSchedule.Kind kind = schedule.next(frame);
        if (kind.isKeyframe()) {
          // Block rather than grow: the oldest window goes out before another keyframe is sent.
          while (pending.size() >= inFlight) {
            trackOldest(pending, writer, pool);
          }
          pending.add(
              new Window(collecting, detections.submit(frame), kind == KeyframeSchedule.Kind.CUT));
          collecting = new ArrayList<>();
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
        track(collecting, awaitFaces(detections.submit(last)), false, writer, pool);
      }
      Lap tracking = Lap.start();
      List<FaceTracker.CoveredFrame> rest = tracker.finish();
      clock.track().add(tracking);
      write(rest, true, writer, pool);
    }
  }

  /** The figures once the pipes are finished: passed on as the final progress and returned. */
  JobStats finished() {
    finished = true;
    JobStats stats = stats();
    progress.done(stats);
    return stats;
  }

  /** A window of frames up to a keyframe, and that keyframe's detection. */
  private record Window(List<Frame> frames, Future<List<FaceBox>> faces, boolean cut) {}

  /** Waits for the oldest pending keyframe's faces and tracks its window. */
  private void trackOldest(Deque<Window> pending, FrameWriter writer, FramePool pool)
      throws IOException, DetectionException, JobCancelledException, InterruptedException {
    Window window = pending.remove();
    track(window.frames(), awaitFaces(window.faces()), window.cut(), writer, pool);
  }

  private List<FaceBox> awaitFaces(Future<List<FaceBox>> faces)
      throws DetectionException, InterruptedException {
    Lap waiting = Lap.start();
    try {
      return BackgroundDetector.await(faces);
    } finally {
      clock.detectWait().add(waiting);
    }
  }

  /** Tracks a window whose keyframe's faces are known, and writes the frames that finishes. */
  private void track(
      List<Frame> window, List<FaceBox> faces, boolean cut, FrameWriter writer, FramePool pool)
      throws IOException, JobCancelledException {
    Lap tracking = Lap.start();
    List<FaceTracker.CoveredFrame> covered = tracker.add(window, faces, cut);
    clock.track().add(tracking);
    write(covered, false, writer, pool);
  }

  /**
   * Writes the frame held back from the call before (now final) and these frames, holding back the
   * last of them unless {@code all}.
   */
  private void write(
      List<FaceTracker.CoveredFrame> frames, boolean all, FrameWriter writer, FramePool pool)
      throws IOException, JobCancelledException {
    List<FaceTracker.CoveredFrame> now = new ArrayList<>(frames.size() + 1);
    if (unwritten != null) {
      now.add(unwritten);
      unwritten = null;
    }
    now.addAll(frames);
    if (!all && !now.isEmpty()) {
      unwritten = now.remove(now.size() - 1);
    }
    for (FaceTracker.CoveredFrame covered : now) {
      cancellation.throwIfCancelled();
      Frame frame = covered.frame();
      if (range != null && !range.keeps(frame.index())) {
        pool.release(frame); // context for the tracker only: another segment writes it
        continue;
      }
      Lap blurring = Lap.start();
      List<FaceBox> shaped = new ArrayList<>(covered.faces());
      shaped.removeAll(covered.wholeBoxes());
      blurrer.apply(frame, areas(frame, shaped), covers(frame, covered.wholeBoxes()));
      clock.blur().add(blurring);
      writer.write(frame);
      pool.release(frame);
      framesWritten++;
      progress.report(
          Math.min(0.99, (double) framesWritten / Math.max(1, framesToWrite())), this::stats);
    }
  }

  private long framesToWrite() {
    return range == null ? info.estimatedFrames() : range.keepFrames();
  }

  /** The covers of these faces and the job's regions active in this frame. */
  private List<PixelBox> areas(Frame frame, List<FaceBox> faces) {
    List<PixelBox> areas = covers(frame, faces);
    for (BlurRegion region : options.regions()) {
      if (region.activeAt(frame.timeSeconds())) {
        PixelBox.of(region, frame.width(), frame.height()).ifPresent(areas::add);
      }
    }
    return areas;
  }

  private List<PixelBox> covers(Frame frame, List<FaceBox> faces) {
    List<PixelBox> covers = new ArrayList<>(faces.size() + options.regions().size());
    for (FaceBox face : faces) {
      PixelBox.cover(face, coverScale, frame.width(), frame.height()).ifPresent(covers::add);
    }
    return covers;
  }

  private JobStats stats() {
    double seconds = clock.elapsedSeconds();
    return new JobStats(
        framesWritten,
        detections == null ? 0 : detections.calls(),
        framesWritten / info.frameRate(),
        seconds,
        detector.name(),
        detector.model(),
        secondsLeft(seconds),
        clock.stages(seconds));
  }

  /** The frames still to write at the rate measured so far (start-up included); 0 once done. */
  private Double secondsLeft(double seconds) {
    if (finished) {
      return 0.0;
    }
    if (framesWritten == 0 || seconds <= 0) {
      return null;
    }
    long left = Math.max(0, framesToWrite() - framesWritten);
    return left / (framesWritten / seconds);
  }
}
