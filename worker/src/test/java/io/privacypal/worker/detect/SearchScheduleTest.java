package io.privacypal.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.detect.FaceBox;
import io.privacypal.worker.opencv.I420Mats;
import io.privacypal.worker.opencv.OpenCvNative;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.RawFrames;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * Keyframes of a camera panning slowly right over a photo of people (1280x720, 15 tiles of 360 px
 * and the whole frame): what each keyframe searches.
 */
class SearchScheduleTest {
  private static final List<Tiles.Square> ALL = Tiles.of(1280, 720, 360);
  private static Mat picture;
  private static Mat otherPicture;

  @BeforeAll
  static void load() throws Exception {
    OpenCvNative.load();
    picture = I420Mats.luma(RawFrames.i420(FacePhotos.sample(3), 1600, 1000)).clone();
    otherPicture = I420Mats.luma(RawFrames.i420(FacePhotos.sample(5), 1600, 1000)).clone();
  }

  @Test
  void searchesEverythingOnTheFirstKeyframeAndOnSchedule() {
    try (SearchSchedule schedule = new SearchSchedule()) {
      for (int keyframe = 0; keyframe < 6; keyframe++) {
        List<Tiles.Square> squares =
            schedule.squares(
                MovedPixelsTest.view(picture, 100 + 4 * keyframe, 100, keyframe), ALL, List.of());
        if (keyframe % SearchSchedule.FULL_EVERY == 0) {
          assertThat(squares).as("keyframe %d", keyframe).isEqualTo(ALL);
        } else {
          assertThat(squares.size()).as("keyframe %d", keyframe).isLessThan(ALL.size());
        }
      }
    }
  }

  @Test
  void betweenFullSearchesLooksAtTheWholeFrameTheEdgeBroughtInNewFacesAndKnownOnes() {
    try (SearchSchedule schedule = new SearchSchedule()) {
      schedule.squares(MovedPixelsTest.view(picture, 100, 100, 1), ALL, List.of());
      // The camera pans 40 px right; a 24 px patch appears at (500, 300); a head was at (950, 80).
      Mat next = MovedPixelsTest.view(picture, 140, 100, 2);
      next.submat(new Rect(500, 300, 24, 24)).setTo(new Scalar(250));
      FaceBox known = new FaceBox(990, 80, 40, 50, 0.9);
      List<Tiles.Square> squares = schedule.squares(next, ALL, List.of(known));

      assertThat(squares).contains(ALL.get(0));
      assertThat(squares).as("the patch").anyMatch(s -> inside(s, 500, 300));
      // The known head, moved left with the picture, near (950, 80): the tiles around it.
      assertThat(squares).anyMatch(s -> inside(s, 950, 80) && inside(s, 990, 130));
      assertThat(squares)
          .as("the right edge the pan brought in")
          .anyMatch(s -> inside(s, 1279, 400));
      assertThat(squares.subList(1, squares.size()))
          .as("the still bottom left")
          .noneMatch(s -> inside(s, 100, 650));
      assertThat(squares.size()).isLessThan(ALL.size());
    }
  }

  @Test
  void searchesEverythingAfterACut() {
    try (SearchSchedule schedule = new SearchSchedule()) {
      schedule.squares(MovedPixelsTest.view(picture, 100, 100, 1), ALL, List.of());
      assertThat(schedule.squares(MovedPixelsTest.view(otherPicture, 100, 100, 2), ALL, List.of()))
          .isEqualTo(ALL);
    }
  }

  private static boolean inside(Tiles.Square s, int x, int y) {
    return x >= s.x() && x < s.x() + s.side() && y >= s.y() && y < s.y() + s.side();
  }
}
