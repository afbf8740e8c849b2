package io.privacypal.bench;

import io.privacypal.bench.leak.GreyFrames;
import io.privacypal.common.detect.FaceBox;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Compares a study clip with its anonymized output frame by frame: a ground-truth face whose middle
 * half changed by less than {@link #UNCHANGED_BELOW} grey levels on average was not blurred. The
 * re-encode alone changes it by 1-2 levels, a mosaic by far more.
 */
final class LeakCounter {
  static final double UNCHANGED_BELOW = 6;

  private final Path ffmpeg;

  LeakCounter(Path ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  LeakCount count(StudyClip clip, Path output) throws IOException {
    int w = StudyClip.WIDTH;
    int h = StudyClip.HEIGHT;
    byte[] before = new byte[w * h];
    byte[] after = new byte[w * h];
    long faceFrames = 0;
    long leaked = 0;
    long edgeFaceFrames = 0;
    long edgeLeaked = 0;
    try (GreyFrames input = new GreyFrames(ffmpeg, clip.file(), w, h);
        GreyFrames anonymized = new GreyFrames(ffmpeg, output, w, h)) {
      for (int n = 0; n < clip.frames(); n++) {
        if (!input.next(before) || !anonymized.next(after)) {
          throw new IOException(clip.name() + ": fewer than " + clip.frames() + " frames decoded");
        }
        for (FaceBox face : clip.facesAt(n)) {
          int x = (int) Math.round(face.x() + face.width() / 4);
          int y = (int) Math.round(face.y() + face.height() / 4);
          int bw = (int) Math.round(face.width() / 2);
          int bh = (int) Math.round(face.height() / 2);
          if (x + bw <= 0 || y + bh <= 0 || x >= w || y >= h) {
            continue; // not in the picture yet
          }
          boolean unchanged = meanAbsDiff(before, after, x, y, bw, bh) < UNCHANGED_BELOW;
          if (x >= 0 && y >= 0 && x + bw <= w && y + bh <= h) {
            faceFrames++;
            leaked += unchanged ? 1 : 0;
          } else {
            edgeFaceFrames++;
            edgeLeaked += unchanged ? 1 : 0;
          }
        }
      }
    }
    return new LeakCount(faceFrames, leaked, edgeFaceFrames, edgeLeaked);
  }

  private static double meanAbsDiff(byte[] a, byte[] b, int x, int y, int bw, int bh) {
    int w = StudyClip.WIDTH;
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(w, x + bw);
    int y1 = Math.min(StudyClip.HEIGHT, y + bh);
    long sum = 0;
    for (int row = y0; row < y1; row++) {
      for (int col = x0; col < x1; col++) {
        int i = row * w + col;
        sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
      }
    }
    long count = (long) (x1 - x0) * (y1 - y0);
    return count == 0 ? 0 : (double) sum / count;
  }
}
