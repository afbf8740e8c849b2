package io.privacypal.common.video;

/** The stored video is larger than this deployment accepts; retrying cannot help. */
public final class VideoTooLargeException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  public VideoTooLargeException(String video, long size, long limit) {
    super(
        "video " + video + " is " + size + " bytes, larger than the limit of " + limit + " bytes");
  }
}
