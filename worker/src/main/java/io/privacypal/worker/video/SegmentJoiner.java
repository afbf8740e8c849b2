package io.privacypal.worker.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins the encoded segments of a split job into one MP4 without re-encoding, with the original's
 * audio muxed as a single run muxes it and the same metadata stripped. The segments are our own
 * files, linked under plain names beside a list that ffmpeg's concat demuxer reads in safe mode
 * (relative names only); the upload allowlists stay for the original.
 */
public final class SegmentJoiner {
  private static final long EXIT_TIMEOUT_SECONDS = 600;

  private final FfmpegTools tools;

  public SegmentJoiner(FfmpegTools tools) {
    this.tools = tools;
  }

  /**
   * @param segments the segment files in order
   * @param workDir an empty directory for the list and links, removed by the caller
   * @param onCancel where to register what stops ffmpeg on a cancel
   */
  public void join(
      List<Path> segments,
      Path original,
      VideoInfo info,
      Path output,
      Path workDir,
      Consumer<Runnable> onCancel)
      throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
    for (int i = 0; i < segments.size(); i++) {
      String name = String.format("part-%05d.mp4", i);
      Files.createSymbolicLink(workDir.resolve(name), segments.get(i).toAbsolutePath());
      list.append("file ").append(name).append('\n');
    }
    Path listFile = workDir.resolve("segments.ffconcat");
    Files.writeString(listFile, list, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(tools.quietFfmpeg());
    command.add("-y");
    command.addAll(List.of("-protocol_whitelist", "file", "-f", "concat", "-safe", "1"));
    command.addAll(List.of("-i", "file:" + listFile.toAbsolutePath()));
    command.addAll(InputAllowlist.input(original));
    command.addAll(List.of("-map", "0:v:0", "-c:v", "copy"));
    command.addAll(AudioPlan.of(info).ffmpegArguments());
    command.addAll(FrameWriter.PLAYBACK_ONLY);
    command.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
    FfmpegProcess ffmpeg = FfmpegProcess.start(command, "ffmpeg-join");
    onCancel.accept(ffmpeg::kill);
    try {
      int exit = ffmpeg.waitFor(EXIT_TIMEOUT_SECONDS);
      if (exit != 0) {
        throw new IOException(
            "joining the segments failed (exit " + exit + "): " + ffmpeg.stderrTail());
      }
    } finally {
      ffmpeg.kill();
    }
  }
}
