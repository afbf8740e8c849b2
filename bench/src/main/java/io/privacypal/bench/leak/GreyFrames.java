package io.privacypal.bench.leak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** A video decoded by ffmpeg to 8-bit grey, read one frame at a time: memory stays one frame. */
public final class GreyFrames implements AutoCloseable {
  private final Process process;
  private final InputStream in;
  private final int frameSize;

  public GreyFrames(Path ffmpeg, Path video, int width, int height) throws IOException {
    this.frameSize = width * height;
    this.process =
        new ProcessBuilder(
                List.of(
                    ffmpeg.toString(),
                    "-nostdin",
                    "-v",
                    "error",
                    "-i",
                    video.toString(),
                    "-map",
                    "0:v:0",
                    "-fps_mode",
                    "passthrough",
                    "-s",
                    width + "x" + height,
                    "-pix_fmt",
                    "gray",
                    "-f",
                    "rawvideo",
                    "pipe:1"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    this.in = process.getInputStream();
  }

  /** The next frame into {@code frame}; false at the end of the video. */
  public boolean next(byte[] frame) throws IOException {
    int read = in.readNBytes(frame, 0, frameSize);
    if (read == 0) {
      return false;
    }
    if (read != frameSize) {
      throw new IOException("a partial frame: " + read + " of " + frameSize + " bytes");
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      process.destroyForcibly();
    }
  }
}
