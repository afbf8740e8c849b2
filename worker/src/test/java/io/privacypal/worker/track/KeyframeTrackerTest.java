package io.privacypal.worker.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.privacypal.common.detect.FaceBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeTrackerTest {
  /** 1000x1000 at 5 fps: a face may travel 100 px per frame, 400 px in a window of 4 frames. */
  private final KeyframeTracker tracker = new KeyframeTracker(1000, 1000, 5);

  private static FaceBox box(double x, double y) {
    return new FaceBox(x, y, 40, 40, 1);
  }

  /** The first keyframe (a window of one frame), then a window of {@code frames} up to the next. */
  private List<List<FaceBox>> between(List<FaceBox> previous, List<FaceBox> current, int frames, boolean cut) {
    tracker.next(previous, 1, false, 0);
    return tracker.next(current, frames, cut, 0).frames();
  }

  @Test
  void faceSeenAtBothKeyframesMovesLinearlyBetweenThem() {
    List<List<FaceBox>> frames = between(List.of(box(0, 0)), List.of(box(40, 20)), 4, false);

    assertThat(frames).hasSize(4);
    assertThat(frames.get(0)).singleElement().satisfies(b -> {
      assertThat(b.x()).isCloseTo(10, within(1e-9));
      assertThat(b.y()).isCloseTo(5, within(1e-9));
      assertThat(b.width()).isCloseTo(40, within(1e-9));
    });
    assertThat(frames.get(1).get(0).x()).isCloseTo(20, within(1e-9));
    assertThat(frames.get(3)).containsExactly(box(40, 20));
  }

  @Test
  void faceFirstSeenAtTheLaterKeyframeIsCoveredFromTheFirstFrameAfterTheEarlierOne() {
    FaceBox newcomer = box(480, 480);
    List<List<FaceBox>> frames = between(List.of(), List.of(newcomer), 4, false);

    assertThat(frames).hasSize(4).allSatisfy(boxes -> assertThat(boxes).containsExactly(newcomer));
  }

  @Test
  void faceThatVanishedIsHeldUpToAndIncludingTheLaterKeyframe() {
    FaceBox leaving = box(480, 480);
    List<List<FaceBox>> frames = between(List.of(leaving), List.of(), 4, false);

    assertThat(frames).hasSize(4).allSatisfy(boxes -> assertThat(boxes).containsExactly(leaving));
    assertThat(tracker.next(List.of(), 4, false, 0).frames()).hasSize(4).allSatisfy(boxes -> assertThat(boxes).isEmpty());
  }

  @Test
  void nothingIsCarriedAcrossASceneCut() {
    FaceBox before = box(480, 480);
    FaceBox after = box(490, 480);
    List<List<FaceBox>> frames = between(List.of(before), List.of(after), 4, true);

    assertThat(frames.subList(0, 3)).allSatisfy(boxes -> assertThat(boxes).containsExactly(before));
    assertThat(frames.get(3)).containsExactly(after);
  }

  @Test
  void firstKeyframeCoversOnlyItself() {
    FaceBox face = box(10, 10);
    assertThat(tracker.next(List.of(face), 1, false, 0).frames()).containsExactly(List.of(face));
  }

  @Test
  void farApartFacesAreNotMatchedButBothCovered() {
    FaceBox left = box(450, 450);
    FaceBox right = box(450, 550);
    List<List<FaceBox>> frames = between(List.of(left), List.of(right), 3, false);

    assertThat(frames.get(0)).containsExactlyInAnyOrder(left, right);
    assertThat(frames.get(2)).containsExactlyInAnyOrder(left, right);
  }

  @Test
  void twoFacesAreEachMatchedToTheirNearestSuccessor() {
    List<List<FaceBox>> frames =
        between(List.of(box(0, 0), box(200, 0)), List.of(box(210, 0), box(10, 0)), 2, false);

    assertThat(frames.get(0)).extracting(FaceBox::x).containsExactlyInAnyOrder(5.0, 205.0);
  }

  @Test
  void faceFirstSeenNearAnEdgeIsStretchedBackTowardsItAsFarAsItCouldHaveTravelled() {
    // 50 px from the right edge: it may have slid in through it in the 4 frames before.
    FaceBox newcomer = new FaceBox(910, 480, 40, 40, 1);
    List<List<FaceBox>> frames = between(List.of(), List.of(newcomer), 4, false);

    assertThat(frames.get(3)).containsExactly(newcomer);
    // 1 frame before the keyframe it was at most 100 px away: at most to the edge (1000).
    assertThat(frames.get(2)).singleElement().satisfies(b -> {
      assertThat(b.x()).isEqualTo(910);
      assertThat(b.x() + b.width()).isCloseTo(1000, within(1e-9));
      assertThat(b.y()).isEqualTo(480);
      assertThat(b.height()).isEqualTo(40);
    });
  }

  @Test
  void faceFirstSeenFarFromTheEdgeIsStretchedOnlyAsFarAsItCouldTravelPerFrame() {
    // 350 px from the left edge: within the window's reach (400 px), not within one frame's.
    FaceBox newcomer = new FaceBox(350, 480, 40, 40, 1);
    List<List<FaceBox>> frames = between(List.of(), List.of(newcomer), 4, false);

    assertThat(frames.get(2).get(0).x()).isCloseTo(250, within(1e-9));
    assertThat(frames.get(1).get(0).x()).isCloseTo(150, within(1e-9));
    assertThat(frames.get(0).get(0).x()).isCloseTo(50, within(1e-9));
    assertThat(frames).hasSize(4).allSatisfy(boxes -> assertThat(boxes.get(0).x() + boxes.get(0).width()).isEqualTo(390));
  }

  @Test
  void newcomerNearAnEdgeAlsoCoversTheUnwrittenWindowBefore() {
    tracker.next(List.of(), 1, false, 0);
    tracker.next(List.of(), 4, false, 1);
    // Half in the picture at the keyframe before, it was not found there; it is found 4 frames on.
    FaceBox newcomer = new FaceBox(0, 480, 60, 60, 1);
    KeyframeTracker.Covers covers = tracker.next(List.of(newcomer), 4, false, 4);

    assertThat(covers.earlier()).hasSize(4);
    assertThat(covers.earlier()).allSatisfy(boxes -> assertThat(boxes).singleElement().satisfies(b -> {
      assertThat(b.x()).isEqualTo(0);
      assertThat(b.x() + b.width()).isEqualTo(60);
      assertThat(b.y()).isEqualTo(480);
    }));
  }

  @Test
  void newcomerFarFromEveryEdgeLeavesTheWindowBeforeAlone() {
    tracker.next(List.of(), 1, false, 0);
    tracker.next(List.of(), 4, false, 1);
    KeyframeTracker.Covers covers = tracker.next(List.of(box(480, 480)), 4, false, 4);

    assertThat(covers.earlier()).hasSize(4).allSatisfy(boxes -> assertThat(boxes).isEmpty());
  }

  @Test
  void faceThatVanishedNearAnEdgeIsStretchedTowardsItAndCarriedIntoTheNextWindow() {
    FaceBox leaving = new FaceBox(480, 30, 40, 40, 1);
    List<List<FaceBox>> frames = between(List.of(leaving), List.of(), 4, false);

    assertThat(frames.get(0)).singleElement().satisfies(b -> {
      assertThat(b.y()).isEqualTo(0);
      assertThat(b.y() + b.height()).isEqualTo(70);
      assertThat(b.x()).isEqualTo(480);
    });
    assertThat(frames.get(3).get(0).y()).isEqualTo(0);
    // Half out of the picture it may go unseen at the next keyframe while still showing.
    assertThat(tracker.next(List.of(), 4, false, 0).frames())
        .hasSize(4)
        .allSatisfy(boxes -> assertThat(boxes).singleElement().satisfies(b -> {
          assertThat(b.y()).isEqualTo(0);
          assertThat(b.y() + b.height()).isEqualTo(70);
        }));
    assertThat(tracker.next(List.of(), 4, false, 0).frames()).hasSize(4).allSatisfy(boxes -> assertThat(boxes).isEmpty());
  }

  @Test
  void faceInACornerIsStretchedTowardsBothEdges() {
    FaceBox newcomer = new FaceBox(900, 900, 60, 60, 1);
    FaceBox earliest = between(List.of(), List.of(newcomer), 4, false).get(0).get(0);

    assertThat(earliest.x() + earliest.width()).isEqualTo(1000);
    assertThat(earliest.y() + earliest.height()).isEqualTo(1000);
    assertThat(earliest.x()).isEqualTo(900);
    assertThat(earliest.y()).isEqualTo(900);
  }

  @Test
  void faceEnteringBehindARowOfFacesMovingPastIsCoveredOnItsWayIn() {
    // Measured on a study clip (1280x720, 25 fps, 8 frames a window): four faces ~100 px apart
    // slide left 96 px a window. At the later keyframe a new face (1139) sits where another was
    // (1142), so best-score pairing alone held it there while it was really coming in from x=1235.
    KeyframeTracker wide = new KeyframeTracker(1280, 720, 25);
    wide.next(List.of(new FaceBox(1112, 186, 74, 84, 1)), 1, false, 0);
    wide.next(List.of(new FaceBox(1142, 153, 64, 65, 1), new FaceBox(1009, 197, 96, 79, 1)), 8, false, 1);
    List<List<FaceBox>> frames = wide.next(
        List.of(new FaceBox(1041, 155, 78, 64, 1), new FaceBox(919, 185, 79, 87, 1), new FaceBox(1139, 183, 77, 89, 1)),
        8, false, 8).frames();

    // One frame after the earlier keyframe the new face's middle spans x 1251-1284, y 203-238.
    assertThat(frames.get(0)).anySatisfy(b -> {
      assertThat(b.x()).isLessThanOrEqualTo(1251);
      assertThat(b.x() + b.width()).isGreaterThanOrEqualTo(1280);
      assertThat(b.y()).isLessThanOrEqualTo(203);
      assertThat(b.y() + b.height()).isGreaterThanOrEqualTo(238);
    });
  }

  @Test
  void crossingFacesAreCoveredWhicheverWayTheyPair() {
    // Two faces 40 px wide swap sides within one window: at x 410 and 460, then the other way
    // round. Paired by overlap each would stand still; in truth each passed the other.
    FaceBox left = box(410, 480);
    FaceBox right = box(460, 480);
    List<List<FaceBox>> frames = between(List.of(left, right), List.of(box(460, 482), box(410, 482)), 4, false);

    // Half way both are at x 435: the middles of the faces (445-465) are covered.
    assertThat(frames.get(1)).anySatisfy(b -> {
      assertThat(b.x()).isLessThanOrEqualTo(445);
      assertThat(b.x() + b.width()).isGreaterThanOrEqualTo(465);
    });
  }
}
