package io.privacypal.worker.pipeline;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.worker.detect.OpenCvFaceDetector;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.video.FfmpegTools;
import io.privacypal.worker.video.VideoInfo;
import io.privacypal.worker.video.VideoProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the pipeline tests share, as the queue tests have WorkerTestBed: one local detector per test
 * class (its models load once), the pipeline settings of this machine, and ways to look at clips.
 * {@code @RegisterExtension static final PipelineTestBed bed = new PipelineTestBed();}
 */
final class PipelineTestBed implements BeforeAllCallback, AfterAllCallback {
  private OpenCvFaceDetector detector;
  private PipelineSettings settings;

  @Override
  public void beforeAll(ExtensionContext context) {
    detector = new OpenCvFaceDetector();
    settings = PipelineSettings.from(ConfigSource.of(Map.of()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    detector.close();
  }

  OpenCvFaceDetector detector() {
    return detector;
  }

  PipelineSettings settings() {
    return settings;
  }

  /** What ffprobe says of a clip, as the pipeline reads it. */
  VideoInfo probe(Path file) throws Exception {
    return new VideoProbe(new FfmpegTools(settings.ffmpeg(), settings.ffprobe()), 4000, 4000)
        .probe(file);
  }

  /** The grey levels of every frame, at the test clips' size. */
  static List<byte[]> gray(Path file) throws Exception {
    return RawFrames.gray(file, TestVideos.WIDTH, TestVideos.HEIGHT);
  }
}
