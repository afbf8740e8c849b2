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
import java.util.ArrayList;
import java.util.List;

/**
 * One job's frame loop: decode, detect on keyframes (every interval, and at scene cuts), buffer the
 * frames up to the next keyframe, then track, blur and encode them. At most one window of frames
 * is in memory.
 */
final class AnonymizeRun {
  private final VideoInfo info;
  private final JobOptions options;
  private final FaceDetector detector;
  private final Cancellation cancellation;
  private final ProgressThrottle progress;
  private final int keyframeInterval;
  private final KeyframeTracker tracker = new KeyframeTracker();
  private final FrameBlurrer blurrer;
  private final long started = System.nanoTime();
  private long framesWritten;
  private long detectorCalls;

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
    this.blurrer = new FrameBlurrer(options.blurMode(), options.mask());
  }

  static int keyframeInterval(double seconds, double frameRate) {
    return (int) Math.max(1, Math.round(seconds * frameRate));
  }

  JobStats run(FrameReader reader, FrameWriter writer)
      throws IOException, DetectionException, JobCancelledException {
    try (FramePool pool =
            new FramePool(info.paddedWidth(), info.paddedHeight(), keyframeInterval + 1);
        SceneCutDetector cuts = new SceneCutDetector()) {
      List<Frame> window = new ArrayList<>(keyframeInterval);
      List<FaceBox> lastFaces = null;
      long lastKeyframe = -1;
      while (true) {
        cancellation.throwIfCancelled();
        Frame frame = pool.acquire();
        if (!reader.read(frame)) {
          pool.release(frame);
          break;
        }
        window.add(frame);
        boolean cut = cuts.isCut(frame.y());
        if (lastKeyframe < 0 || cut || frame.index() - lastKeyframe >= keyframeInterval) {
          List<FaceBox> faces = detect(frame);
          flush(window, lastFaces, faces, cut, writer, pool);
          lastFaces = faces;
          lastKeyframe = frame.index();
        }
      }
      cancellation.throwIfCancelled();
      if (!window.isEmpty()) {
        // The video ended between keyframes: the last frame closes the window.
        flush(window, lastFaces, detect(window.get(window.size() - 1)), false, writer, pool);
      }
      JobStats stats = stats();
      progress.done(stats);
      return stats;
    }
  }

  private List<FaceBox> detect(Frame frame) throws DetectionException {
    if (!options.blurFaces()) {
      return List.of();
    }
    detectorCalls++;
    return detector.detect(frame.asKeyframe());
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
        detectorCalls,
        framesWritten / info.frameRate(),
        (System.nanoTime() - started) / 1e9);
  }
}
