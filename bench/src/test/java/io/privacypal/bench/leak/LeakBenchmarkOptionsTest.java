package io.privacypal.bench.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.MaskShape;
import org.junit.jupiter.api.Test;

class LeakBenchmarkOptionsTest {
  @Test
  void partialJobOptionsKeepTheDefaultsTheyLeaveOut() {
    JobOptions options = LeakBenchmark.jobOptions("{\"mask\":\"ellipse\"}");

    assertThat(options.mask()).isEqualTo(MaskShape.ELLIPSE);
    assertThat(options.boxScale()).isEqualTo(JobOptions.defaults().boxScale());
    assertThat(LeakBenchmark.jobOptions("{}")).isEqualTo(JobOptions.defaults());
  }

  @Test
  void invalidJobOptionsAreAClearError() {
    assertThatThrownBy(() -> LeakBenchmark.jobOptions("{\"mask\":\"star\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--options-json is not valid job options:");
  }
}
