package io.privacypal.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.StageTime;
import io.privacypal.common.json.Json;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real job's stats say where its time went, and while it runs how long it still needs. */
class StageBreakdownTest {
  @RegisterExtension static final PipelineTestBed bed = new PipelineTestBed();

  @TempDir Path dir;

  @Test
  void everyStageIsTimedAndTheWaitingStatusCarriesTheTimeLeft() throws Exception {
    TestVideos.TestVideo video = TestVideos.panning(dir, FacePhotos.sample(1), true);
    FileJobStatusStore statuses = new FileJobStatusStore(dir.resolve("status"));
    JobId id = JobId.random();
    statuses.createIfAbsent(
        JobStatus.queued(id, "clip.mp4", JobOptions.defaults(), Instant.now())
            .processing(1, "test", Instant.now()));
    List<JsonNode> written = new ArrayList<>();
    Path statusDirectory = dir.resolve("status");

    JobStats stats =
        new AnonymizePipeline(bed.detector(), bed.settings())
            .process(
                new PipelineRequest(video.file(), dir.resolve("out.mp4"), JobOptions.defaults()),
                (fraction, soFar) -> {
                  statuses.update(id, s -> s.progressed(fraction, soFar, Instant.now()));
                  written.add(storedStats(statusDirectory, id));
                },
                new Cancellation());

    Map<String, StageTime> stages = stats.stages();
    assertThat(stages)
        .containsOnlyKeys(
            "probe",
            "firstFrame",
            "decode",
            "readPipe",
            "detect",
            "detectWait",
            "track",
            "blur",
            "writePipe",
            "encode",
            "jvm");
    for (String measured : List.of("decode", "readPipe", "detect", "blur", "encode", "jvm")) {
      assertThat(stages.get(measured).cpuSeconds()).as("%s CPU", measured).isPositive();
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    stages.forEach(
        (name, time) -> {
          assertThat(time.wallSeconds())
              .as("%s wall", name)
              .isPositive()
              .isLessThanOrEqualTo(stats.processingSeconds() + 0.001); // rounded to the ms
          if (time.cpuSeconds() != null) {
            // ffmpeg and the JVM may use every core; a single thread at most its wall time.
            assertThat(time.cpuSeconds())
                .as("%s CPU", name)
                .isLessThanOrEqualTo(time.wallSeconds() * cpus + 0.05);
          }
        });
    assertThat(stages.get("firstFrame").wallSeconds())
        .isGreaterThanOrEqualTo(stages.get("probe").wallSeconds());
    assertThat(stats.secondsLeft()).isZero();

    // What a client polling the status saw while the job ran: an estimate, then none left.
    JsonNode first = written.get(0);
    assertThat(first.path("secondsLeft").asDouble()).isPositive();
    assertThat(first.path("stages").path("decode").path("wallSeconds").asDouble()).isPositive();
    assertThat(written.get(written.size() - 1).path("secondsLeft").asDouble()).isZero();
  }

  /** The stats as the status file holds them, as the gateway reads them. */
  private static JsonNode storedStats(Path statusDirectory, JobId id) {
    try (var files = Files.walk(statusDirectory)) {
      Path file = files.filter(p -> p.endsWith(id.value() + ".json")).findFirst().orElseThrow();
      return Json.mapper().readTree(file.toFile()).path("stats");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
