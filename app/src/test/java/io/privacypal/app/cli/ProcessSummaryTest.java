package io.privacypal.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.json.Json;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.TestVideos;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code process} on a real clip: its summary says how long the start took and where time went. */
class ProcessSummaryTest {
  @TempDir Path dir;

  @Test
  void theSummaryHasTheStartTimeAndEveryStage() throws Exception {
    TestVideos.TestVideo video = TestVideos.still(dir, FacePhotos.sample(1), true);
    double processAge = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;

    Launch.Outcome outcome =
        Launch.run("process", video.file().toString(), dir.resolve("out.mp4").toString());

    assertThat(outcome.status()).as(outcome.err()).isZero();
    JsonNode summary = Json.mapper().readTree(outcome.out());
    assertThat(summary.path("frames").asLong()).isEqualTo(TestVideos.FRAMES);
    // Here the process is the test JVM: its start lies before this test began.
    assertThat(summary.path("startSeconds").asDouble()).isGreaterThan(processAge);
    JsonNode stages = summary.path("stages");
    assertThat(stages.path("firstFrame").path("wallSeconds").asDouble()).isPositive();
    assertThat(stages.path("decode").path("cpuSeconds").asDouble()).isPositive();
    assertThat(stages.path("encode").path("cpuSeconds").asDouble()).isPositive();
    assertThat(stages.path("detect").path("cpuSeconds").asDouble()).isPositive();
  }
}
