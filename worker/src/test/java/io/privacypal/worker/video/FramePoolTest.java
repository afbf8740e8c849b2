package io.privacypal.worker.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.worker.opencv.OpenCvNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FramePoolTest {
  @BeforeAll
  static void loadOpenCv() {
    OpenCvNative.load();
  }

  @Test
  void releasedFramesAreReusedInsteadOfAllocated() {
    try (FramePool pool = new FramePool(64, 48, 2)) {
      for (int i = 0; i < 100; i++) {
        Frame frame = pool.acquire();
        pool.release(frame);
      }
      assertThat(pool.allocated()).isEqualTo(1);
      assertThat(pool.inUse()).isZero();
    }
  }

  @Test
  void takingMoreFramesThanTheWindowFailsInsteadOfGrowing() {
    try (FramePool pool = new FramePool(64, 48, 2)) {
      pool.acquire();
      pool.acquire();
      assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void planesShareTheFrameBufferWithoutCopies() {
    try (FramePool pool = new FramePool(64, 48, 1)) {
      Frame frame = pool.acquire();
      frame.y().put(2, 3, new byte[] {42});
      frame.u().put(1, 1, new byte[] {43});
      frame.v().put(0, 0, new byte[] {44});

      assertThat(frame.buffer().get(2 * 64 + 3)).isEqualTo((byte) 42);
      assertThat(frame.buffer().get(64 * 48 + 32 + 1)).isEqualTo((byte) 43);
      assertThat(frame.buffer().get(64 * 48 + 32 * 24)).isEqualTo((byte) 44);
      assertThat(frame.u().rows()).isEqualTo(24);
      assertThat(frame.u().cols()).isEqualTo(32);
    }
  }

  @Test
  void closingReleasesTheNativePlaneHeaders() {
    FramePool pool = new FramePool(64, 48, 1);
    Frame frame = pool.acquire();
    pool.close();
    assertThat(frame.y().empty()).isTrue();
    assertThat(frame.u().empty()).isTrue();
    assertThat(frame.v().empty()).isTrue();
  }
}
