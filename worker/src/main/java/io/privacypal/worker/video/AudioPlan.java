package io.privacypal.worker.video;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How the original audio gets into the MP4: copied when MP4 can carry it, else AAC, or none. */
public enum AudioPlan {
  NONE,
  COPY,
  ENCODE_AAC;

  private static final Set<String> MP4_CODECS =
      Set.of("aac", "mp3", "alac", "opus", "flac", "ac3", "eac3");

  public static AudioPlan of(VideoInfo info) {
    if (!info.hasAudio()) {
      return NONE;
    }
    String codec = info.audioCodec() == null ? "" : info.audioCodec().toLowerCase(Locale.ROOT);
    return MP4_CODECS.contains(codec) ? COPY : ENCODE_AAC;
  }

  List<String> ffmpegArguments() {
    switch (this) {
      case NONE:
        return List.of("-an");
      case COPY:
        return List.of("-map", "1:a:0", "-c:a", "copy");
      default:
        return List.of("-map", "1:a:0", "-c:a", "aac", "-b:a", "160k");
    }
  }
}
