package io.privacypal.worker.video;

import java.nio.file.Path;
import java.util.List;

/**
 * How every ffmpeg and ffprobe opens an uploaded file: as a local file and only with the demuxers
 * of the containers we support. A protocol allowlist alone is not enough: an HLS playlist, a DASH
 * manifest or a concat list opens the files it names through the same "file" protocol, so the
 * demuxers that read such lists must never run at all.
 */
final class InputAllowlist {
  /** MP4/MOV, Matroska/WebM, AVI and MPEG-TS, as their demuxers are named. */
  static final String FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts";

  static final String SUPPORTED = "MP4/MOV, Matroska/WebM, AVI or MPEG-TS";
  private static final String REFUSED_MARK = "not on whitelist";

  private InputAllowlist() {}

  /** The options that go before the input, then the input itself as an explicit file URL. */
  static List<String> input(Path file) {
    return List.of("-protocol_whitelist", "file", "-format_whitelist", FORMATS, "-i", url(file));
  }

  /** The same for ffprobe, which takes the input without {@code -i}. */
  static List<String> probeInput(Path file) {
    return List.of("-protocol_whitelist", "file", "-format_whitelist", FORMATS, url(file));
  }

  /** Raw frames piped in by us: no other protocol or demuxer either. */
  static List<String> rawPipe() {
    return List.of(
        "-protocol_whitelist", "pipe", "-format_whitelist", "rawvideo", "-f", "rawvideo");
  }

  /** ffmpeg's own word that the file's container is not on the list. */
  static boolean refused(String stderr) {
    return stderr.contains(REFUSED_MARK);
  }

  /** "file:" keeps a name with a colon from being read as another protocol. */
  private static String url(Path file) {
    return "file:" + file.toAbsolutePath();
  }
}
