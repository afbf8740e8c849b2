package io.privacypal.worker.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;

class OpenCvNativeTest {
  @Test
  void openCvGetsAQuarterOfTheCoresForItsOwnThreadsAndAtLeastOne() {
    OpenCvNative.load();

    assertThat(Core.getNumThreads())
        .isEqualTo(OpenCvNative.threads(Runtime.getRuntime().availableProcessors()));
    assertThat(OpenCvNative.threads(1)).isEqualTo(1);
    assertThat(OpenCvNative.threads(2)).isEqualTo(1);
    assertThat(OpenCvNative.threads(16)).isEqualTo(4);
  }
}
