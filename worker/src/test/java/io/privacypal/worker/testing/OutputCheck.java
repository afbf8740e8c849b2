package io.privacypal.worker.testing;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.testing.TestVideos.Placement;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares an anonymized clip with its input frame by frame: how much the faces changed and how
 * much the background far from them did. The faces are where the test put them: the hand-labelled
 * faces of each photo ({@link LabelledFaces}) at the positions the clip composed it, never what a
 * detector finds, so a face the detector misses counts as a leak.
 */
public final class OutputCheck {
  /**
   * How far past a photo's edge its faces' covers may reach: a head box grown 1.3x reaches about
   * 2.4 face widths from the face's centre (hair, a turned head's back), 36 px past the photo's
   * edge for sample3's right face at 640x360, where a face box grown 1.3x stayed within 32.
   */
  private static final int BACKGROUND_MARGIN = 40;

  private final TestVideo video;
  private final List<List<FaceBox>> facesPerPhoto = new ArrayList<>();

  public OutputCheck(TestVideo video) {
    this.video = video;
    for (Path photo : video.photos()) {
      facesPerPhoto.add(
          LabelledFaces.shownAt(photo, TestVideos.PHOTO_WIDTH, TestVideos.PHOTO_HEIGHT));
    }
  }

  /** The labelled faces of photo {@code photo} of the clip, in pixels of the photo as shown. */
  public List<FaceBox> facesOfPhoto(int photo) {
    return facesPerPhoto.get(photo);
  }

  /**
   * Per frame, the smallest mean change (0-255) over the centres of the faces shown, or -1 if none.
   * A face hidden under a photo drawn over it is not shown.
   */
  public double[] weakestFaceChange(List<byte[]> input, List<byte[]> output) {
    double[] weakest = new double[input.size()];
    for (int n = 0; n < input.size(); n++) {
      weakest[n] = -1;
      List<Placement> placed = video.placements().get(n);
      for (int layer = 0; layer < placed.size(); layer++) {
        Placement photo = placed.get(layer);
        for (FaceBox face : facesPerPhoto.get(photo.photo())) {
          // The middle half of the face: the part any cover must hide.
          int x = (int) (photo.x() + face.x() + face.width() / 4);
          int y = (int) (photo.y() + face.y() + face.height() / 4);
          int w = (int) (face.width() / 2);
          int h = (int) (face.height() / 2);
          if (covered(placed.subList(layer + 1, placed.size()), x, y, w, h)
              || !visible(x, y, w, h)) {
            continue;
          }
          double change =
              RawFrames.meanAbsDiff(
                  input.get(n), output.get(n), video.width(), video.height(), x, y, w, h);
          weakest[n] = weakest[n] < 0 ? change : Math.min(weakest[n], change);
        }
      }
    }
    return weakest;
  }

  /** At least a few pixels' width of the face's middle is in the picture. */
  private boolean visible(int x, int y, int w, int h) {
    int visibleWidth = Math.min(video.width(), x + w) - Math.max(0, x);
    int visibleHeight = Math.min(video.height(), y + h) - Math.max(0, y);
    return visibleWidth >= 4 && visibleHeight >= 4;
  }

  private static boolean covered(List<Placement> above, int x, int y, int w, int h) {
    for (Placement photo : above) {
      if (x < photo.x() + TestVideos.PHOTO_WIDTH
          && photo.x() < x + w
          && y < photo.y() + TestVideos.PHOTO_HEIGHT
          && photo.y() < y + h) {
        return true;
      }
    }
    return false;
  }

  /**
   * The largest per-frame mean change where no photo ever is in this clip (with a margin): the
   * strip below it and the sides it never reaches. Nothing there may be blurred.
   */
  public double largestBackgroundChange(List<byte[]> input, List<byte[]> output) {
    return largestBackgroundChange(input, output, 0, input.size());
  }

  /**
   * As {@link #largestBackgroundChange(List, List)}, over frames {@code from} (inclusive) to {@code
   * to}.
   */
  public double largestBackgroundChange(List<byte[]> input, List<byte[]> output, int from, int to) {
    int w = video.width();
    int h = video.height();
    int left = w;
    int right = 0;
    int bottom = 0;
    for (List<Placement> placed : video.placements()) {
      for (Placement photo : placed) {
        left = Math.min(left, photo.x() - BACKGROUND_MARGIN);
        right = Math.max(right, photo.x() + TestVideos.PHOTO_WIDTH + BACKGROUND_MARGIN);
        bottom = Math.max(bottom, photo.y() + TestVideos.PHOTO_HEIGHT + BACKGROUND_MARGIN);
      }
    }
    double largest = 0;
    for (int n = from; n < to; n++) {
      byte[] a = input.get(n);
      byte[] b = output.get(n);
      largest = Math.max(largest, RawFrames.meanAbsDiff(a, b, w, h, 0, bottom, w, h - bottom));
      largest = Math.max(largest, RawFrames.meanAbsDiff(a, b, w, h, 0, 0, left, h));
      largest = Math.max(largest, RawFrames.meanAbsDiff(a, b, w, h, right, 0, w - right, h));
    }
    return largest;
  }

  /** codec_name,pix_fmt of the video stream and whether there is an audio stream. */
  public static String streams(Path file) throws IOException {
    return new String(
            RawFrames.run(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_type,codec_name,pix_fmt",
                "-of",
                "csv=p=0",
                file.toString()),
            StandardCharsets.UTF_8)
        .strip();
  }
}
