package io.privacypal.worker.pipeline;

import io.privacypal.common.job.StageTime;
import io.privacypal.worker.timing.TimeTotal;
import io.privacypal.worker.video.FrameReader;
import io.privacypal.worker.video.FrameWriter;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one job's time goes, stage by stage: the one collector its parts report to. The stages, in
 * pipeline order (the keys of {@link #stages}):
 *
 * <ul>
 *   <li>{@code probe}: ffprobe reading the input (wall only);
 *   <li>{@code firstFrame}: from the job's start to its first decoded frame (wall only);
 *   <li>{@code decode}, {@code encode}: the ffmpeg processes, start to end, and their CPU time;
 *   <li>{@code readPipe}, {@code writePipe}: the frame loop taking frames from the decoder's pipe
 *       and giving them to the encoder's, blocked or copying;
 *   <li>{@code detect}: the detector's calls, summed (they may overlap one another);
 *   <li>{@code detectWait}: the frame loop blocked until a keyframe's faces were known;
 *   <li>{@code track}, {@code blur}: following faces between keyframes, and covering them;
 *   <li>{@code jvm}: the whole worker process's CPU over the job (other jobs' too, when several
 *       run).
 * </ul>
 */
final class StageClock {
  private static final java.lang.management.OperatingSystemMXBean SYSTEM =
      ManagementFactory.getOperatingSystemMXBean();

  private final long startedNanos = System.nanoTime();
  private final long jvmCpuAtStart = jvmCpuNanos();
  private final TimeTotal probe = new TimeTotal();
  private final TimeTotal detect = new TimeTotal();
  private final TimeTotal detectWait = new TimeTotal();
  private final TimeTotal track = new TimeTotal();
  private final TimeTotal blur = new TimeTotal();
  private volatile long firstFrameNanos;
  private FrameReader reader;
  private FrameWriter writer;

  TimeTotal probe() {
    return probe;
  }

  TimeTotal detect() {
    return detect;
  }

  TimeTotal detectWait() {
    return detectWait;
  }

  TimeTotal track() {
    return track;
  }

  TimeTotal blur() {
    return blur;
  }

  /** The ffmpeg processes whose time counts as decoding and encoding, and their pipes'. */
  void pipes(FrameReader frameReader, FrameWriter frameWriter) {
    this.reader = frameReader;
    this.writer = frameWriter;
  }

  void frameDecoded() {
    if (firstFrameNanos == 0) {
      firstFrameNanos = System.nanoTime();
    }
  }

  /** Seconds since the job started. */
  double elapsedSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Every stage's time so far, in pipeline order; a stage not yet reached is left out.
   *
   * @param elapsedSeconds the job's time so far, as its stats report it
   */
  Map<String, StageTime> stages(double elapsedSeconds) {
    Map<String, StageTime> stages = new LinkedHashMap<>();
    // Wall only: the thread's CPU here would be the JSON parsing, not ffprobe's work.
    stages.put("probe", new StageTime(probe.time().wallSeconds(), null));
    if (firstFrameNanos != 0) {
      stages.put("firstFrame", StageTime.ofNanos(firstFrameNanos - startedNanos, null));
    }
    if (reader != null) {
      stages.put("decode", reader.decoding());
      stages.put("readPipe", reader.reading());
    }
    stages.put("detect", detect.time());
    stages.put("detectWait", detectWait.time());
    stages.put("track", track.time());
    stages.put("blur", blur.time());
    if (writer != null) {
      stages.put("writePipe", writer.writing());
      stages.put("encode", writer.encoding());
    }
    long jvmCpu = jvmCpuNanos();
    stages.put(
        "jvm",
        StageTime.ofNanos(
            Math.round(elapsedSeconds * 1e9), jvmCpu < 0 ? null : jvmCpu - jvmCpuAtStart));
    return stages;
  }

  private static long jvmCpuNanos() {
    return SYSTEM instanceof com.sun.management.OperatingSystemMXBean hotspot
        ? hotspot.getProcessCpuTime()
        : -1;
  }
}
