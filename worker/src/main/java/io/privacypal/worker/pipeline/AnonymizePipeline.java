package io.privacypal.worker.pipeline;

import io.privacypal.common.detect.FaceDetector;
import io.privacypal.common.job.JobStats;
import io.privacypal.worker.timing.Lap;
import io.privacypal.worker.video.FfmpegTools;
import io.privacypal.worker.video.FrameReader;
import io.privacypal.worker.video.FrameWriter;
import io.privacypal.worker.video.InvalidVideoException;
import io.privacypal.worker.video.VideoInfo;
import io.privacypal.worker.video.VideoProbe;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link VideoProcessor}: probe, decode with ffmpeg, detect faces on keyframes,
 * track them between keyframes, blur on the raw planes, encode H.264 with the original audio. The
 * output is written to {@link PipelineRequest#output()} and removed again if the job fails or is
 * cancelled. Thread-safe: every call has its own processes and buffers.
 */
public final class AnonymizePipeline implements VideoProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(AnonymizePipeline.class);

  private final FaceDetector detector;
  private final PipelineSettings settings;
  private final FfmpegTools tools;
  private final VideoProbe probe;

  public AnonymizePipeline(FaceDetector detector, PipelineSettings settings) {
    this.detector = detector;
    this.settings = settings;
    this.tools = settings.tools();
    this.probe = new VideoProbe(tools, settings.limits());
  }

  @Override
  public JobStats process(
      PipelineRequest request, ProgressListener progress, Cancellation cancellation)
      throws Exception {
    cancellation.throwIfCancelled();
    StageClock clock = new StageClock();
    VideoInfo info;
    Lap probing = Lap.start();
    try {
      info = probe.probe(request.input(), cancellation::onCancel);
    } catch (IOException | InvalidVideoException e) {
      cancellation.throwIfCancelled(); // killing ffprobe fails the probe: that is the cancel
      throw e;
    } finally {
      clock.probe().add(probing);
    }
    LOG.info(
        "anonymizing {}x{} at {} fps, ~{} frames, audio {}, detector {}",
        info.width(),
        info.height(),
        info.frameRateFraction(),
        info.estimatedFrames(),
        info.hasAudio() ? info.audioCodec() : "none",
        detector.name());
    boolean done = false;
    FrameReader reader = null;
    FrameWriter writer = null;
    try {
      FrameRange range = request.range();
      if (range == null) {
        reader = FrameReader.open(tools, request.input(), info, settings.limits().maxFrames());
        writer =
            FrameWriter.open(tools, request.input(), info, settings.encoding(), request.output());
      } else {
        reader =
            FrameReader.openRange(
                tools, request.input(), info, range.decodeFirst(), range.decodeFrames());
        writer = FrameWriter.openSegment(tools, info, settings.encoding(), request.output());
      }
      FrameReader openReader = reader;
      FrameWriter openWriter = writer;
      // A cancel stops both processes at once; the loop then notices it between frames.
      cancellation.onCancel(
          () -> {
            openReader.kill();
            openWriter.kill();
          });
      clock.pipes(reader, writer);
      AnonymizeRun run =
          new AnonymizeRun(
              info,
              request.options(),
              request.range(),
              detector,
              cancellation,
              progress,
              new FrameBudget(settings.frameMemoryBytes()),
              clock);
      run.run(reader, writer);
      reader.finish();
      cancellation.throwIfCancelled();
      writer.finish();
      cancellation.throwIfCancelled();
      JobStats stats = run.finished();
      done = true;
      LOG.info(
          "anonymized {} frames with {} detector calls in {} s",
          stats.frames(),
          stats.detectorCalls(),
          String.format("%.1f", stats.processingSeconds()));
      return stats;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // the worker is shutting down: keep the flag for it
      }
      if (cancellation.isCancelled() && !(e instanceof JobCancelledException)) {
        // Killing ffmpeg makes its pipes fail: that is the cancel, not an error of its own.
        throw new JobCancelledException(cancellation.reason());
      }
      throw e;
    } finally {
      if (reader != null) {
        reader.close();
      }
      if (writer != null) {
        writer.close();
      }
      if (!done) {
        Files.deleteIfExists(request.output());
      }
    }
  }
}
