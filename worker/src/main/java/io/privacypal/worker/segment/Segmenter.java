package io.privacypal.worker.segment;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.SegmentPlan;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.FrameRange;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.pipeline.ProgressListener;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.video.SegmentJoiner;
import io.privacypal.worker.video.VideoInfo;
import io.privacypal.worker.video.VideoProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The video side of a split job, apart from queues and statuses: whether and where to split, one
 * segment's frames with their context, and the stitch with its checks against the original.
 */
public final class Segmenter {
  /** The stitched video may differ from the frames' own duration by this much, no more. */
  static final double DURATION_TOLERANCE_SECONDS = 0.1;

  private final VideoProcessor processor;
  private final VideoProbe probe;
  private final SegmentJoiner joiner;
  private final SegmentSettings settings;

  public Segmenter(VideoProcessor processor, PipelineSettings pipeline, SegmentSettings settings) {
    this.processor = processor;
    this.probe = new VideoProbe(pipeline.tools(), pipeline.limits());
    this.joiner = new SegmentJoiner(pipeline.tools());
    this.settings = settings;
  }

  /**
   * The plan for a video longer than a segment; empty when it runs whole (short, splitting off, or
   * a variable frame rate, whose frames have no exact index to cut at).
   */
  public Optional<SegmentPlan> plan(Path input, JobOptions options, Cancellation cancellation)
      throws Exception {
    double seconds =
        options.segmentSeconds() != null ? options.segmentSeconds() : settings.segmentSeconds();
    if (seconds <= 0) {
      return Optional.empty();
    }
    VideoInfo info = probe.probe(input, cancellation::onCancel);
    if (info.variableFrameRate() || !info.frameCountFromIndex()) {
      return Optional.empty();
    }
    return SegmentPlanner.plan(info.estimatedFrames(), info.frameRate(), seconds);
  }

  /** Runs one segment: its frames and their context decoded, its own frames encoded to output. */
  public JobStats runSegment(
      Path input,
      Path output,
      JobOptions options,
      SegmentPlan.Segment segment,
      long totalFrames,
      ProgressListener progress,
      Cancellation cancellation)
      throws Exception {
    VideoInfo info = probe.probe(input, cancellation::onCancel);
    FrameRange range =
        SegmentContext.around(segment, totalFrames, options.keyframeIntervalSeconds(), info);
    return processor.process(
        new PipelineRequest(input, output, options, range), progress, cancellation);
  }

  /**
   * Joins {@code segments} with the original's audio into {@code output} and checks the result
   * holds the original's frames and duration.
   *
   * @return the stitched video as probed
   */
  public VideoInfo stitch(
      List<Path> segments, Path original, Path output, long totalFrames, Cancellation cancellation)
      throws Exception {
    VideoInfo source = probe.probe(original, cancellation::onCancel);
    Path work = Files.createTempDirectory(output.toAbsolutePath().getParent(), ".stitch-");
    try {
      joiner.join(segments, original, source, output, work, cancellation::onCancel);
    } finally {
      deleteTree(work);
    }
    cancellation.throwIfCancelled();
    VideoInfo joined = probe.probe(output, cancellation::onCancel);
    double expectedSeconds = totalFrames / source.frameRate();
    double videoSeconds = joined.estimatedFrames() / joined.frameRate();
    if (joined.estimatedFrames() != totalFrames
        || Math.abs(videoSeconds - expectedSeconds) > DURATION_TOLERANCE_SECONDS) {
      throw new IOException(
          "the stitched video holds "
              + joined.estimatedFrames()
              + " frames ("
              + videoSeconds
              + " s), the original "
              + totalFrames
              + " ("
              + expectedSeconds
              + " s)");
    }
    return joined;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
