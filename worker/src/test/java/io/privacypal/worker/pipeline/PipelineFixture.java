package io.privacypal.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStats;
import io.privacypal.common.job.MaskShape;
import io.privacypal.common.json.Json;
import io.privacypal.worker.testing.NoFaces;
import io.privacypal.worker.testing.RawFrames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs inputs made with ffmpeg through the real pipeline, without face detection. */
final class PipelineFixture {
  static final PipelineSettings SETTINGS = PipelineSettings.from(ConfigSource.of(Map.of()));

  /** A corner region only: the pipeline runs whole, no detector needed. */
  static final JobOptions REGION_ONLY =
      new JobOptions(
          false,
          List.of(BlurRegion.of(0, 0, 32, 32)),
          BlurMode.MOSAIC,
          MaskShape.BOX,
          0.3,
          1.3,
          null);

  private PipelineFixture() {}

  static JobStats process(Path input, Path output, PipelineSettings settings, JobOptions options)
      throws Exception {
    return new AnonymizePipeline(new NoFaces(), settings)
        .process(
            new PipelineRequest(input, output, options), ProgressListener.NONE, new Cancellation());
  }

  static JobStats process(Path input, Path output) throws Exception {
    return process(input, output, SETTINGS, REGION_ONLY);
  }

  static void ffmpeg(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    RawFrames.run(command.toArray(String[]::new));
  }

  /** ffprobe's whole description of a file: format, streams and chapters with all their tags. */
  static JsonNode describe(Path file) throws IOException {
    return Json.mapper()
        .readTree(
            RawFrames.run(
                "ffprobe",
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
                "-show_chapters",
                file.toString()));
  }
}
