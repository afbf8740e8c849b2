package io.privacypal.worker.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.SegmentStats;
import io.privacypal.worker.pipeline.AnonymizePipeline;
import io.privacypal.worker.pipeline.Cancellation;
import io.privacypal.worker.pipeline.PipelineRequest;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.pipeline.ProgressListener;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.queue.WorkerTestBed;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.OutputCheck;
import io.privacypal.worker.testing.PlacedFaceDetector;
import io.privacypal.worker.testing.RawFrames;
import io.privacypal.worker.testing.TestVideos;
import io.privacypal.worker.testing.TestVideos.TestVideo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 12-second clip split into 3-second segments over the embedded SQS, with the real pipeline and
 * ffmpeg, against the same clip run whole: the same frames, duration and audio, the same pixels
 * outside the faces, and the faces covered across every boundary.
 */
class SplitJobTest {
  private static final int FRAMES = 300;
  private static final double SEGMENT_SECONDS = 3;
  private static final double FACE_CHANGED = 3;

  @TempDir static Path shared;
  private static TestVideo video;
  private static OutputCheck check;
  private static PipelineSettings settings;
  private static Path single;
  private static List<byte[]> input;

  @TempDir Path root;

  @BeforeAll
  static void renderAndRunWhole() throws Exception {
    video = TestVideos.swinging(shared, FacePhotos.sample(3), FRAMES);
    check = new OutputCheck(video);
    settings = PipelineSettings.from(ConfigSource.of(Map.of()));
    single = shared.resolve("single.mp4");
    pipeline()
        .process(
            new PipelineRequest(video.file(), single, JobOptions.defaults()),
            ProgressListener.NONE,
            new Cancellation());
    input = RawFrames.gray(video.file(), video.width(), video.height());
  }

  @AfterAll
  static void release() {
    input = null;
  }

  private static AnonymizePipeline pipeline() {
    return new AnonymizePipeline(new PlacedFaceDetector(video, check), settings);
  }

  private static Segmenter segmenter(VideoProcessor processor) {
    return new Segmenter(processor, settings, new SegmentSettings(SEGMENT_SECONDS));
  }

  private JobId submit(WorkerTestBed bed, String id) throws Exception {
    Files.copy(video.file(), bed.videos.videoDirectory().resolve("long.mp4"));
    return bed.submit(id, "long.mp4", JobOptions.defaults(), Instant.now());
  }

  @Test
  void twoWorkersShareTheSegmentsAndTheOutputMatchesASingleRun() throws Exception {
    try (WorkerTestBed bed = new WorkerTestBed(root)) {
      AnonymizePipeline processor = pipeline();
      bed.startConsumer(
          processor,
          segmenter(processor),
          WorkerTestBed.settings("worker-a"),
          bed.sqs.client(),
          bed.statuses);
      bed.startConsumer(
          processor,
          segmenter(processor),
          WorkerTestBed.settings("worker-b"),
          bed.separateClient(),
          bed.statuses);
      JobId id = submit(bed, "job-split");

      await().atMost(Duration.ofMinutes(3)).until(() -> bed.status(id).isTerminal());

      JobStatus done = bed.status(id);
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.plan().segments()).hasSize(4);
      List<SegmentStats> segments = done.stats().segments();
      assertThat(segments).extracting(SegmentStats::frames).containsExactly(75L, 75L, 75L, 75L);
      assertThat(segments).extracting(SegmentStats::worker).contains("worker-a", "worker-b");
      assertThat(done.stats().frames()).isEqualTo(FRAMES);
      assertThat(done.stats().detectorCalls()).isPositive();
      Path output = Path.of(done.output());
      assertThat(frameCount(output)).isEqualTo(frameCount(single)).isEqualTo(FRAMES);
      assertThat(duration(output))
          .isCloseTo(duration(single), org.assertj.core.data.Offset.offset(0.1));
      assertThat(audioDigest(output)).isEqualTo(audioDigest(single)).isNotBlank();

      List<byte[]> whole = RawFrames.gray(single, video.width(), video.height());
      List<byte[]> split = RawFrames.gray(output, video.width(), video.height());
      assertThat(check.largestBackgroundChange(whole, split)).isLessThanOrEqualTo(2);
      double[] weakest = check.weakestFaceChange(input, split);
      for (int n = 0; n < weakest.length; n++) {
        assertThat(weakest[n]).as("weakest face change in frame %d", n).isGreaterThan(FACE_CHANGED);
      }
      assertThat(bed.outputFiles()).noneMatch(p -> p.toString().contains(".segments"));
      await().atMost(Duration.ofSeconds(10)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
    }
  }

  private static long frameCount(Path video) throws Exception {
    return Long.parseLong(
        probe(
            video,
            "-count_packets",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=nb_read_packets"));
  }

  private static double duration(Path video) throws Exception {
    return Double.parseDouble(probe(video, "-show_entries", "format=duration"));
  }

  private static String probe(Path video, String... what) throws Exception {
    String[] args = new String[what.length + 6];
    args[0] = "ffprobe";
    args[1] = "-v";
    args[2] = "error";
    System.arraycopy(what, 0, args, 3, what.length);
    args[what.length + 3] = "-of";
    args[what.length + 4] = "csv=p=0";
    args[what.length + 5] = video.toString();
    return new String(RawFrames.run(args), StandardCharsets.UTF_8).trim();
  }

  /** The audio packets' digest: equal when the audio was carried over the same way. */
  private static String audioDigest(Path video) throws Exception {
    return new String(
            RawFrames.run(
                "ffmpeg",
                "-v",
                "error",
                "-i",
                video.toString(),
                "-map",
                "0:a",
                "-c",
                "copy",
                "-f",
                "md5",
                "-"),
            StandardCharsets.UTF_8)
        .trim();
  }
}
