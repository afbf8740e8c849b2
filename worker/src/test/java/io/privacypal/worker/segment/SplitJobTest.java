package io.privacypal.worker.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.job.SegmentStats;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.message.SegmentRange;
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
import io.privacypal.worker.video.InvalidVideoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

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
    return submit(bed, id, JobOptions.defaults());
  }

  private JobId submit(WorkerTestBed bed, String id, JobOptions options) throws Exception {
    Files.copy(video.file(), bed.videos.videoDirectory().resolve("long.mp4"));
    return bed.submit(id, "long.mp4", options, Instant.now());
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
      List<Double> estimates = new CopyOnWriteArrayList<>();

      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                JobStatus now = bed.status(id);
                if (!now.isTerminal() && now.plan() != null && now.stats() != null) {
                  Optional.ofNullable(now.stats().secondsLeft()).ifPresent(estimates::add);
                }
                return now.isTerminal();
              });

      // While the segments ran, the job's status estimated its time left from all of them.
      assertThat(estimates).isNotEmpty().allMatch(e -> e >= 0).anyMatch(e -> e > 0);
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

      // The plan's and the stitcher's messages again, as SQS may deliver them twice.
      JobMessageCodec codec = new JobMessageCodec();
      var last = done.plan().segment(3);
      bed.sendRaw(codec.encode(JobMessage.of(id, "long.mp4", JobOptions.defaults(), null)));
      bed.sendRaw(
          codec.encode(
              JobMessage.segment(
                  id,
                  "long.mp4",
                  JobOptions.defaults(),
                  null,
                  new SegmentRange(3, last.firstFrame(), last.endFrame()))));
      await().atMost(Duration.ofSeconds(10)).until(() -> bed.total(bed.sqs.queueUrl()) == 0);
      assertThat(bed.status(id).version()).isEqualTo(done.version());
      assertThat(bed.outputFiles())
          .containsExactlyInAnyOrder(
              bed.outputDir.relativize(output), Path.of("long-processed.mp4"));
    }
  }

  @Test
  void aSegmentWorkerKilledMidSegmentStillEndsInACompleteOutput() throws Exception {
    try (WorkerTestBed bed = new WorkerTestBed(root)) {
      AnonymizePipeline pipeline = pipeline();
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger framesReported = new AtomicInteger();
      VideoProcessor dying =
          holding(
              pipeline,
              killed,
              first -> {
                framesReported.incrementAndGet();
                return true;
              });
      SqsClient lost = bed.separateClient();
      bed.startConsumer(
          dying, segmenter(dying), WorkerTestBed.settings("worker-a"), lost, bed.statuses);
      JobId id = submit(bed, "job-killed");
      await().atMost(Duration.ofMinutes(1)).until(() -> framesReported.get() > 0);

      // Worker A stops dead: its frames stop, and without SQS no heartbeat, delete or receive.
      killed.set(true);
      lost.close();
      bed.startConsumer(
          pipeline,
          segmenter(pipeline),
          WorkerTestBed.settings("worker-b"),
          bed.sqs.client(),
          bed.statuses);

      await().atMost(Duration.ofMinutes(2)).until(() -> bed.status(id).isTerminal());
      JobStatus done = bed.status(id);
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.stats().segments()).extracting(SegmentStats::worker).contains("worker-b");
      assertThat(frameCount(Path.of(done.output()))).isEqualTo(FRAMES);
      assertThat(duration(Path.of(done.output())))
          .isCloseTo(duration(single), org.assertj.core.data.Offset.offset(0.1));
      assertThat(bed.outputFiles()).noneMatch(p -> p.toString().contains(".segments"));
    }
  }

  @Test
  void aCancelStopsEveryRunningSegmentWithinTwoSecondsAndLeavesNoSegmentFiles() throws Exception {
    try (WorkerTestBed bed = new WorkerTestBed(root)) {
      // The first segment runs through and leaves its file; the others stop mid-way.
      VideoProcessor held = holding(pipeline(), new AtomicBoolean(true), first -> first > 0);
      bed.startConsumer(
          held,
          segmenter(held),
          WorkerTestBed.settings("worker-a"),
          bed.sqs.client(),
          bed.statuses);
      JobId id = submit(bed, "job-cancelled");
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  bed.status(id).plan() != null
                      && bed.status(id).plan().segment(0).done()
                      && bed.status(id).plan().segments().stream()
                              .filter(x -> x.owner() != null && !x.done())
                              .count()
                          == 2);
      assertThat(bed.outputFiles()).anyMatch(p -> p.toString().contains(".segments"));

      bed.statuses.update(id, s -> s.cancelled(Instant.now()));

      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> ProcessHandle.current().descendants().count() == 0);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                assertThat(bed.total(bed.sqs.queueUrl())).isZero();
                assertThat(bed.outputFiles()).isEmpty();
              });
      assertThat(bed.status(id).state()).isEqualTo(JobState.CANCELLED);
    }
  }

  @Test
  void aSegmentThatFailsForGoodFailsTheJobWithItsReasonAndLeavesNoFiles() throws Exception {
    try (WorkerTestBed bed = new WorkerTestBed(root)) {
      AnonymizePipeline pipeline = pipeline();
      VideoProcessor lastFails =
          (request, progress, cancellation) -> {
            if (request.range() != null && request.range().keepEnd() == FRAMES) {
              throw new InvalidVideoException("undecodable frames at the end");
            }
            return pipeline.process(request, progress, cancellation);
          };
      bed.startConsumer(
          lastFails,
          segmenter(lastFails),
          WorkerTestBed.settings("worker-a"),
          bed.sqs.client(),
          bed.statuses);
      JobId id = submit(bed, "job-failing");

      await().atMost(Duration.ofMinutes(1)).until(() -> bed.status(id).isTerminal());
      JobStatus failed = bed.status(id);
      assertThat(failed.state()).isEqualTo(JobState.FAILED);
      assertThat(failed.failure().reason()).isEqualTo("segment 3: undecodable frames at the end");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                assertThat(bed.total(bed.sqs.queueUrl())).isZero();
                assertThat(bed.outputFiles()).isEmpty();
              });
    }
  }

  /**
   * The pipeline, but the frames of a segment whose first frame {@code held} accepts stop at their
   * first progress report while {@code hold} is set, until the run is cancelled: a worker frozen
   * mid-segment.
   */
  private static VideoProcessor holding(
      VideoProcessor pipeline, AtomicBoolean hold, LongPredicate held) {
    return (request, progress, cancellation) ->
        pipeline.process(
            request,
            (fraction, soFar) -> {
              progress.onProgress(fraction, soFar);
              while (request.range() != null
                  && held.test(request.range().keepFirst())
                  && hold.get()
                  && !cancellation.isCancelled()) {
                LockSupport.parkNanos(10_000_000L);
              }
            },
            cancellation);
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
