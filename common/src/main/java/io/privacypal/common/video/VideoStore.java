package io.privacypal.common.video;

import io.privacypal.common.job.JobId;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where input videos are read and anonymized outputs are written. Implementations: a directory on
 * disk, or an S3 bucket.
 *
 * <p>Every job publishes its own output, named by its job id, so two jobs never share one (two
 * extensions of one name, or one video run twice with different options). PrivacyPal's name for a
 * video's output, {@code <name>-processed.mp4}, is an alias that holds the output of the newest job
 * submitted for the name (see {@link PendingOutput#publishAlias}).
 */
public interface VideoStore {

  /**
   * Checks a video name and whether it exists.
   *
   * @throws InvalidVideoNameException when the name escapes the store (../, absolute, symlink out)
   *     or holds control characters
   */
  boolean exists(String video);

  /** A local file to decode; temporary copies are deleted when it is closed. */
  LocalVideo fetch(String video) throws IOException;

  /**
   * A temporary file for the output of one attempt of {@code job} on {@code video}, published whole
   * by {@link PendingOutput#commit()} at {@link #outputLocation(JobId)}. The temporary files that
   * earlier attempts of the same job left behind (a worker killed mid-job cannot remove its own)
   * are removed here.
   */
  PendingOutput createOutput(String video, JobId job, int attempt) throws IOException;

  /**
   * Removes {@code job}'s published output, if any, and the video's alias when it holds that
   * output: for a job cancelled in the moment between publishing and recording that it succeeded.
   * Other jobs' outputs are never touched.
   */
  void deleteOutput(String video, JobId job) throws IOException;

  /** Where {@code job}'s own output is (or will be) published. */
  String outputLocation(JobId job);

  /**
   * A link from which a client may GET {@code job}'s published output itself for {@code validFor},
   * where the store is remote (a presigned S3 URL), so that no gateway streams large objects; empty
   * where the gateway serves the file (disk) or the output is not there.
   */
  default Optional<URI> outputLink(JobId job, Duration validFor) {
    return Optional.empty();
  }

  /**
   * A temporary file for segment {@code index} of {@code job} at {@code attempt} (see the README's
   * "Long videos in segments"); {@link PendingFile#commit()} stores it with the job's other segment
   * files, named by segment and attempt, so one segment's retry never touches another's file.
   */
  PendingFile createSegment(JobId job, int index, int attempt) throws IOException;

  /** A segment file that {@link #createSegment} stored for {@code job}, as a local file. */
  LocalVideo fetchSegment(JobId job, String location) throws IOException;

  /** Removes every segment file of {@code job}: after the stitch, a failure or a cancel. */
  void deleteSegments(JobId job) throws IOException;

  /** Where PrivacyPal's name for the newest output of {@code video} is. */
  String aliasLocation(String video);

  /** {@code clip.mov} becomes {@code clip-processed.mp4}, as PrivacyPal named its outputs. */
  static String processedName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    return stem + "-processed.mp4";
  }

  /**
   * A job's own output file name. Never ends in {@code -processed.mp4}, so no alias can take it
   * whatever the video and job are called.
   */
  static String jobOutputName(JobId job) {
    return job.value() + ".output.mp4";
  }

  /** A segment file's name: its job, index and attempt. */
  static String segmentName(int index, int attempt) {
    return String.format("segment-%05d-a%d.mp4", index, attempt);
  }

  /** Refuses characters that could forge log lines or confuse tools; every store checks this. */
  static void checkPrintable(String video) {
    if (video.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidVideoNameException("video name contains control characters");
    }
  }
}
