package io.privacypal.worker.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.privacypal.common.detect.FaceBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeTrackerTest {
  private final KeyframeTracker tracker = new KeyframeTracker();

  private static FaceBox box(double x, double y) {
    return new FaceBox(x, y, 40, 40, 1);
  }

  @Test
  void faceSeenAtBothKeyframesMovesLinearlyBetweenThem() {
    List<List<FaceBox>> frames = tracker.between(List.of(box(0, 0)), List.of(box(40, 20)), 4, false);

    assertThat(frames).hasSize(4);
    assertThat(frames.get(0)).singleElement().satisfies(b -> {
      assertThat(b.x()).isCloseTo(10, within(1e-9));
      assertThat(b.y()).isCloseTo(5, within(1e-9));
    });
    assertThat(frames.get(1).get(0).x()).isCloseTo(20, within(1e-9));
    assertThat(frames.get(3)).containsExactly(box(40, 20));
  }

  @Test
  void faceFirstSeenAtTheLaterKeyframeIsCoveredFromTheFirstFrameAfterTheEarlierOne() {
    FaceBox newcomer = box(300, 100);
    List<List<FaceBox>> frames = tracker.between(List.of(), List.of(newcomer), 8, false);

    assertThat(frames).allSatisfy(boxes -> assertThat(boxes).containsExactly(newcomer));
  }

  @Test
  void faceThatVanishedIsHeldUpToAndIncludingTheLaterKeyframe() {
    FaceBox leaving = box(100, 100);
    List<List<FaceBox>> frames = tracker.between(List.of(leaving), List.of(), 5, false);

    assertThat(frames).allSatisfy(boxes -> assertThat(boxes).containsExactly(leaving));
  }

  @Test
  void nothingIsCarriedAcrossASceneCut() {
    FaceBox before = box(100, 100);
    FaceBox after = box(110, 100);
    List<List<FaceBox>> frames = tracker.between(List.of(before), List.of(after), 4, true);

    assertThat(frames.subList(0, 3)).allSatisfy(boxes -> assertThat(boxes).containsExactly(before));
    assertThat(frames.get(3)).containsExactly(after);
  }

  @Test
  void firstKeyframeCoversOnlyItself() {
    FaceBox face = box(10, 10);
    assertThat(tracker.between(null, List.of(face), 1, false)).containsExactly(List.of(face));
  }

  @Test
  void farApartFacesAreNotMatchedButBothCovered() {
    FaceBox left = box(0, 0);
    FaceBox right = box(500, 0);
    List<List<FaceBox>> frames = tracker.between(List.of(left), List.of(right), 3, false);

    assertThat(frames.get(0)).containsExactlyInAnyOrder(left, right);
    assertThat(frames.get(2)).containsExactlyInAnyOrder(left, right);
  }

  @Test
  void twoFacesAreEachMatchedToTheirNearestSuccessor() {
    List<List<FaceBox>> frames =
        tracker.between(List.of(box(0, 0), box(200, 0)), List.of(box(210, 0), box(10, 0)), 2, false);

    assertThat(frames.get(0)).extracting(FaceBox::x).containsExactlyInAnyOrder(5.0, 205.0);
  }
}
