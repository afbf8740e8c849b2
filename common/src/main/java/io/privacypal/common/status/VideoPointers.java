package io.privacypal.common.status;

import io.privacypal.common.text.Sha256;

/** Names of the pointers from (client, video name) to the client's latest job for that video. */
final class VideoPointers {
  private VideoPointers() {}

  /** The operator's (null client) keep the names they had before jobs had owners. */
  static String name(String client, String video) {
    return Sha256.hex(client == null ? video : client + "\u0000" + video);
  }
}
