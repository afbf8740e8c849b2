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
 * Encodes raw I420 frames from its stdin (a {@link FramePipe}) to H.264 with one ffmpeg process,
 * taking the audio from the original file (a second input) so it stays in sync without passing
 * through Java.
 */
public final class FrameWriter implements AutoCloseable {
  private static final long EXIT_TIMEOUT_SECONDS = 300;

  /**
   * The encoder runs at this niceness. With the local detector, the detector's one thread is the
   * job's critical path, and at the same priority x264's threads took part of its core while the
   * frames waited for faces (on 2 cores, {@code detect} ran 7.2-7.4 s of wall time for 5.1-5.2 of
   * CPU at 720p). Yielding to it, the encoder still has every cycle the JVM leaves: 10 s of 720p
   * took 8.0-8.5 s instead of 9.3, of 1080p 13.8-16.2 (median 14.9) instead of 15.2-16.6 (15.8).
   */
  static final int ENCODER_NICENESS = 15;

  /** The encoder's CPU time is read every this many frames, and while it finishes the file. */
  private static final int CPU_SAMPLE_FRAMES = 8;

  private final FfmpegProcess ffmpeg;
  private final FileChannel frames;

  private final TimeTotal writing = new TimeTotal();
  private long framesWritten;

  private FrameWriter(FramePipe.Started encoder) {
    this.ffmpeg = encoder.ffmpeg();
    this.frames = encoder.channel();
  }

  /**
   * Only what playback needs leaves with the video: no container or stream metadata (titles, names,
   * places, devices, creation times), no chapters, subtitles, data streams or attachments, and no
   * muxer version tags. The rotation is already in the pixels (the decoder applies it).
   */
  static final List<String> PLAYBACK_ONLY =
      List.of(
          "-map_metadata",
          "-1",
          "-map_chapters",
          "-1",
          "-sn",
          "-dn",
          "-fflags",
          "+bitexact",
          "-flags:v",
          "+bitexact");

  /** The x264 speed/size trade-off and quality, as in {@code -preset} and {@code -crf}. */
  public record Encoding(String preset, int crf) {}

  public static FrameWriter open(
      FfmpegTools tools, Path original, VideoInfo info, Encoding encoding, Path output)
      throws IOException {
    List<String> command = rawFramesFromStdin(tools, info);
    command.addAll(InputAllowlist.input(original));
    command.addAll(List.of("-map", "0:v:0"));
    command.addAll(videoEncoding(info, encoding));
    command.addAll(AudioPlan.of(info).ffmpegArguments());
    command.addAll(PLAYBACK_ONLY);
    command.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
    return new FrameWriter(FramePipe.toStdin(command, "ffmpeg-encode"));
  }

  /**
   * Encodes one segment of a split job: the same encoder settings as {@link #open}, video only (the
   * stitch adds the audio once), starting with an IDR frame (x264 begins every stream with one, and
   * its GOPs are closed), so segments join without re-encoding.
   */
  public static FrameWriter openSegment(
      FfmpegTools tools, VideoInfo info, Encoding encoding, Path output) throws IOException {
    List<String> command = rawFramesFromStdin(tools, info);
    command.addAll(List.of("-map", "0:v:0"));
    command.addAll(videoEncoding(info, encoding));
    command.addAll(List.of("-an"));
    command.addAll(PLAYBACK_ONLY);
    command.addAll(List.of("-f", "mp4", output.toString()));
    return new FrameWriter(FramePipe.toStdin(command, "ffmpeg-encode"));
  }

  /** ffmpeg reading our I420 frames, of the (padded) size and rate of the input, from its stdin. */
  private static List<String> rawFramesFromStdin(FfmpegTools tools, VideoInfo info) {
    List<String> command = new ArrayList<>(tools.quietFfmpegNiced(ENCODER_NICENESS));
    command.add("-y");
    command.addAll(InputAllowlist.rawPipe());
    command.addAll(List.of("-pix_fmt", "yuv420p"));
    command.addAll(List.of("-s", info.paddedWidth() + "x" + info.paddedHeight()));
    command.addAll(List.of("-framerate", info.frameRateFraction(), "-i", "pipe:0"));
    return command;
  }

  /** The H.264 settings every output and every segment shares. */
  private static List<String> videoEncoding(VideoInfo info, Encoding encoding) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-c:v", "libx264", "-preset", encoding.preset()));
    args.addAll(List.of("-crf", Integer.toString(encoding.crf()), "-pix_fmt", "yuv420p"));
    args.addAll(colour(info.colour()));
    return args;
  }

  /** The input's colour description; the range is always limited, as the decoder converts to it. */
  private static List<String> colour(VideoInfo.Colour colour) {
    List<String> args = new ArrayList<>(List.of("-color_range", "tv"));
    if (colour.primaries() != null) {
      args.addAll(List.of("-color_primaries", colour.primaries()));
    }
    if (colour.transfer() != null) {
      args.addAll(List.of("-color_trc", colour.transfer()));
    }
    if (colour.matrix() != null) {
      args.addAll(List.of("-colorspace", colour.matrix()));
    }
    return args;
  }

  public void write(Frame frame) throws IOException {
    Lap lap = Lap.start();
    try {
      writeWhole(frame);
    } finally {
      writing.add(lap);
    }
    if (++framesWritten % CPU_SAMPLE_FRAMES == 0) {
      ffmpeg.sampleCpu();
    }
  }

  private void writeWhole(Frame frame) throws IOException {
    ByteBuffer buffer = frame.buffer();
    try {
      while (buffer.hasRemaining()) {
        frames.write(buffer);
      }
    } catch (IOException e) {
      throw new IOException("the encoder stopped: " + ffmpeg.stderrTail(), e);
    }
  }

  /** Ends the input and waits for ffmpeg to finish the file. */
  public void finish() throws IOException, InterruptedException {
    frames.close();
    int exit = ffmpeg.waitFor(EXIT_TIMEOUT_SECONDS);
    if (exit != 0) {
      throw new IOException("the encoder failed (exit " + exit + "): " + ffmpeg.stderrTail());
    }
  }

  /** The encoder's wall time (its start to its exit) and CPU time. */
  public StageTime encoding() {
    return ffmpeg.time();
  }

  /** The caller's time in {@link #write}: copying the frames into the pipe, and waiting on it. */
  public StageTime writing() {
    return writing.time();
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
