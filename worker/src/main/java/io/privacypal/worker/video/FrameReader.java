package io.privacypal.worker.video;

import io.privacypal.common.job.StageTime;
import io.privacypal.worker.timing.Lap;
import io.privacypal.worker.timing.TimeTotal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a video with one ffmpeg process into raw I420 frames on its stdout (a {@link FramePipe}).
 * ffmpeg applies the rotation, odd sizes are padded to even, and the frame count matches the
 * input's (a variable rate input is resampled to its average rate so the duration holds).
 */
public final class FrameReader implements AutoCloseable {
  private static final long EXIT_TIMEOUT_SECONDS = 30;

  /** The decoder's CPU time is read every this many frames, and at the end of the video. */
  private static final int CPU_SAMPLE_FRAMES = 8;

  /**
   * The decoder on one thread (an input option): its default frame threads cost a tenth more CPU
   * (0.85 against 0.96 s for 250 frames at 1080p on 2 cores), CPU the encoder needs, and one thread
   * still decodes several times faster than x264 encodes.
   */
  private static final List<String> ONE_THREAD = List.of("-threads", "1");

  private final FfmpegProcess ffmpeg;
  private final FileChannel frames;
  private final double frameRate;

  /** What the container declares, or what a resampled input is asked for. */
  private final long expectedFrames;

  private final boolean exactCount;

  /** The index in the whole video of the first frame read: 0 unless a range was asked for. */
  private final long firstFrame;

  /** Reading stops here: a file may hold far more frames than it declares. */
  private final long frameLimit;

  private final String overLimitReason;
  private boolean overLimit;
  private long framesRead;
  private final TimeTotal reading = new TimeTotal();

  private FrameReader(
      FramePipe.Started decoder,
      VideoInfo info,
      long expectedFrames,
      long maxFrames,
      long firstFrame) {
    this.firstFrame = firstFrame;
    this.ffmpeg = decoder.ffmpeg();
    this.frames = decoder.channel();
    this.frameRate = info.frameRate();
    this.expectedFrames = expectedFrames;
    this.exactCount = info.frameCountFromIndex() && !info.variableFrameRate();
    long slack = Math.max(expectedFrames / 10, (long) Math.ceil(info.frameRate() * 10));
    this.frameLimit = Math.min(maxFrames, expectedFrames + slack);
    this.overLimitReason =
        frameLimit == maxFrames
            ? "the video holds more than the limit of " + maxFrames + " frames"
            : "the video holds more frames than it declares: over "
                + frameLimit
                + " of "
                + expectedFrames;
  }

  /**
   * @param maxFrames never more frames than this, whatever the file declares
   */
  public static FrameReader open(FfmpegTools tools, Path input, VideoInfo info, long maxFrames)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(tools.quietFfmpeg());
    command.addAll(ONE_THREAD);
    command.addAll(InputAllowlist.input(input));
    command.addAll(videoStreamOnly(info));
    long expected = info.estimatedFrames();
    if (info.variableFrameRate()) {
      // Resampled to the average rate; the frame limit stops the end-of-stream duplicates that
      // would otherwise make the output longer than the input.
      long frames = Math.max(1, Math.round(info.durationSeconds() * info.frameRate()));
      expected = frames;
      command.addAll(List.of("-fps_mode", "cfr", "-r", info.frameRateFraction()));
      command.addAll(List.of("-frames:v", Long.toString(frames)));
    } else {
      // One output frame per decoded frame: no duplicates or drops from timestamp jitter.
      command.addAll(List.of("-fps_mode", "passthrough"));
    }
    command.addAll(List.of("-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1"));
    return new FrameReader(
        FramePipe.fromStdout(command, "ffmpeg-decode"), info, expected, maxFrames, 0);
  }

  /**
   * Decodes only frames {@code firstFrame} to {@code firstFrame + frames} of a constant-rate video
   * (a segment with its context), stamped with their indices and times in the whole video. The seek
   * lands half a frame early and ffmpeg drops what precedes it, so the first frame is exact.
   */
  public static FrameReader openRange(
      FfmpegTools tools, Path input, VideoInfo info, long firstFrame, long frames)
      throws IOException {
    if (info.variableFrameRate()) {
      throw new IllegalArgumentException("a range of a variable-rate video has no exact frames");
    }
    List<String> command = new ArrayList<>();
    command.addAll(tools.quietFfmpeg());
    double seek = Math.max(0, (firstFrame - 0.5) / info.frameRate());
    command.addAll(List.of("-ss", String.format(java.util.Locale.ROOT, "%.6f", seek)));
    command.addAll(ONE_THREAD);
    command.addAll(InputAllowlist.input(input));
    command.addAll(videoStreamOnly(info));
    command.addAll(List.of("-fps_mode", "passthrough", "-frames:v", Long.toString(frames)));
    command.addAll(List.of("-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1"));
    // One over the count: ffmpeg stops at the count itself, so reading never meets the limit.
    return new FrameReader(
        FramePipe.fromStdout(command, "ffmpeg-decode"), info, frames, frames + 1, firstFrame);
  }

  /** "V": the first video stream that is not cover art, the one the probe described. */
  private static List<String> videoStreamOnly(VideoInfo info) {
    return List.of("-map", "0:V:0", "-an", "-sn", "-dn", "-vf", filters(info));
  }

  /**
   * Odd sizes padded to even, then I420. The pad filter copies every frame even when it adds
   * nothing (a tenth of the decoder's CPU at 1080p), so it runs only where a side is odd.
   */
  static String filters(VideoInfo info) {
    boolean even = info.width() == info.paddedWidth() && info.height() == info.paddedHeight();
    return even ? "format=yuv420p" : "pad=ceil(iw/2)*2:ceil(ih/2)*2,format=yuv420p";
  }

  /**
   * Fills {@code frame} with the next frame.
   *
   * @return false at the end of the video
   */
  public boolean read(Frame frame) throws IOException {
    if (framesRead >= frameLimit) {
      overLimit = true;
      return false;
    }
    Lap lap = Lap.start();
    try {
      return readWhole(frame);
    } finally {
      reading.add(lap);
    }
  }

  private boolean readWhole(Frame frame) throws IOException {
    if (framesRead % CPU_SAMPLE_FRAMES == 0) {
      ffmpeg.sampleCpu();
    }
    ByteBuffer buffer = frame.rawBuffer();
    buffer.clear();
    while (buffer.hasRemaining()) {
      if (frames.read(buffer) < 0) {
        // A partial last frame means the decoder stopped mid-frame: treat it as the end.
        ffmpeg.sampleCpu();
        ffmpeg.ended();
        return false;
      }
    }
    frame.stamp(firstFrame + framesRead, (firstFrame + framesRead) / frameRate);
    framesRead++;
    return true;
  }

  public long framesRead() {
    return framesRead;
  }

  /** The decoder's wall time (its start to the end of its output) and CPU time. */
  public StageTime decoding() {
    return ffmpeg.time();
  }

  /** The caller's time in {@link #read}: waiting on the pipe, and copying the frames out of it. */
  public StageTime reading() {
    return reading.time();
  }

  /**
   * After the last frame: checks that ffmpeg ended well.
   *
   * @throws InvalidVideoException the input could not be decoded (no frames, or a decoding error),
   *     was not read whole (truncated or damaged), or holds more frames than it may
   */
  public void finish() throws IOException, InterruptedException, InvalidVideoException {
    if (overLimit) {
      ffmpeg.kill();
      throw new InvalidVideoException(overLimitReason);
    }
    int exit = ffmpeg.waitFor(EXIT_TIMEOUT_SECONDS);
    if (exit != 0) {
      throw new InvalidVideoException("the video could not be decoded: " + ffmpeg.stderrTail());
    }
    if (framesRead == 0) {
      throw new InvalidVideoException("the video stream has no decodable frames");
    }
    WholeInputCheck.check(
        framesRead,
        expectedFrames,
        exactCount,
        frameRate,
        ffmpeg.stderrLines(),
        ffmpeg.firstStderrLine());
  }

  /** Stops ffmpeg at once (on cancel or failure); safe to call more than once, from any thread. */
  public void kill() {
    ffmpeg.kill();
  }

  /** Stops ffmpeg and closes our end of its pipe. */
  @Override
  public void close() {
    kill();
    FramePipe.close(frames);
  }
}
