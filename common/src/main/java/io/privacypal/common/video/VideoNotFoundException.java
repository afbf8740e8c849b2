package io.privacypal.common.video;

/** The named video does not exist in the store. */
public final class VideoNotFoundException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  public VideoNotFoundException(String video) {
    super("video not found: " + video);
  }
}
