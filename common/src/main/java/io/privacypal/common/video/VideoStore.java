package io.privacypal.common.video;

import java.io.IOException;

/**
 * Where input videos are read and anonymized outputs are written. Implementations: a directory on
 * disk, or an S3 bucket.
 */
public interface VideoStore {

  /**
   * Checks a video name and whether it exists.
   *
   * @throws InvalidVideoNameException when the name escapes the store (../, absolute, symlink out)
   */
  boolean exists(String video);

  /** A local file to decode; temporary copies are deleted when it is closed. */
  LocalVideo fetch(String video) throws IOException;

  /**
   * A temporary file for the output of one attempt of a job, published whole by {@link
   * PendingOutput#commit()}. The temporary files that earlier attempts of the same job left behind
   * (a worker killed mid-job cannot remove its own) are removed here.
   */
  PendingOutput createOutput(String video, String job, int attempt) throws IOException;

  /**
   * Removes the published output of {@code video}, if any: for a job cancelled in the moment
   * between publishing its output and recording that it succeeded.
   */
  void deleteOutput(String video) throws IOException;

  /** Where the output of {@code video} is (or will be) published. */
  String outputLocation(String video);

  /** {@code clip.mov} becomes {@code clip-processed.mp4}, as PrivacyPal named its outputs. */
  static String processedName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    return stem + "-processed.mp4";
  }
}
