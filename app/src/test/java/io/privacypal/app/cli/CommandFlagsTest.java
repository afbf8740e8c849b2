package io.privacypal.app.cli;

import static io.privacypal.app.cli.Launch.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.config.AwsClientFactory;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.config.DirectoryStorageSettings;
import io.privacypal.common.config.S3StorageSettings;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.DetectorKind;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.MaskShape;
import io.privacypal.common.queue.QueueSettings;
import io.privacypal.gateway.GatewaySettings;
import io.privacypal.worker.detect.Detectors;
import io.privacypal.worker.detect.rekognition.RekognitionSettings;
import io.privacypal.worker.pipeline.PipelineSettings;
import io.privacypal.worker.queue.ConsumerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** Each command's flags reach the settings records they are meant for. */
class CommandFlagsTest {

  @Test
  void everyOptionOfEveryCommandIsTheSettingOfItsVariable() {
    for (List<String> path : Launch.commandPaths()) {
      for (OptionSpec option : Launch.spec(path).options()) {
        if (option.usageHelp()) {
          continue;
        }
        String value = sampleFor(option.type());
        List<String> args = new ArrayList<>(path);
        args.addAll(Launch.requiredArguments(path));
        args.add(option.longestName() + "=" + value);
        assertThat(settings(args.toArray(String[]::new)).get(EnvironmentDefaults.variable(option)))
            .as("%s %s", path, option.longestName())
            .contains(value);
      }
    }
  }

  @Test
  void aVariableIsTheDefaultAndTheFlagWins() {
    Map<String, String> environment =
        Map.of(
            "PRIVACYPAL_HTTP_PORT",
            "8080",
            "PRIVACYPAL_WORKER_SLOTS",
            "2",
            "AWS_REGION",
            "eu-west-1");

    ConfigSource fromEnvironment = settings(environment, "local");
    ConfigSource flagged =
        settings(environment, "local", "--http-port=9090", "--worker-slots", "4");

    assertThat(GatewaySettings.from(fromEnvironment).port()).isEqualTo(8080);
    assertThat(ConsumerSettings.from(fromEnvironment).slots()).isEqualTo(2);
    assertThat(GatewaySettings.from(flagged).port()).isEqualTo(9090);
    assertThat(ConsumerSettings.from(flagged).slots()).isEqualTo(4);
    assertThat(new AwsClientFactory(flagged).region().id()).isEqualTo("eu-west-1");
  }

  @Test
  void gatewayFlagsSetTheGatewaySettings() {
    GatewaySettings settings =
        GatewaySettings.from(
            settings(
                "gateway",
                "--http-port=8081",
                "--http-bind=127.0.0.1",
                "--max-body-bytes=2048",
                "--http-threads=3",
                "--cors-origins=https://a.example,https://b.example",
                "--http-read-timeout-seconds=12",
                "--http-idle-timeout-seconds=40"));

    assertThat(settings.port()).isEqualTo(8081);
    assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(settings.maxBodyBytes()).isEqualTo(2048);
    assertThat(settings.threads()).isEqualTo(3);
    assertThat(settings.corsOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(settings.timeouts().read()).isEqualTo(Duration.ofSeconds(12));
    assertThat(settings.timeouts().idle()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void workerFlagsSetTheConsumerPipelineDetectorQueueAndStorageSettings() {
    ConfigSource config =
        settings(
            "worker",
            "--worker-slots=3",
            "--poll-wait-seconds=5",
            "--visibility-timeout-seconds=40",
            "--max-receive-count=7",
            "--retry-delay-seconds=2",
            "--max-retry-delay-seconds=60",
            "--shutdown-grace-seconds=9",
            "--worker-id=w2",
            "--stranded-sweep-seconds=0",
            "--max-width=1920",
            "--max-height=1080",
            "--x264-preset=fast",
            "--x264-crf=23",
            "--max-duration-seconds=60",
            "--max-frames=5000",
            "--max-frame-rate=50",
            "--frame-memory-mb=512",
            "--detector=rekognition",
            "--rekognition-tps=2.5",
            "--rekognition-max-attempts=3",
            "--rekognition-jpeg-quality=80",
            "--rekognition-min-confidence=70",
            "--rekognition-concurrency=8",
            "--queue-url=http://127.0.0.1:1/000000000000/q",
            "--video-directory=/data/v",
            "--metrics-port=off");

    ConsumerSettings consumer = ConsumerSettings.from(config);
    assertThat(consumer.slots()).isEqualTo(3);
    assertThat(consumer.pollWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(consumer.visibilityTimeout()).isEqualTo(Duration.ofSeconds(40));
    assertThat(consumer.maxReceiveCount()).isEqualTo(7);
    assertThat(consumer.baseRetryDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(consumer.maxRetryDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(consumer.shutdownGrace()).isEqualTo(Duration.ofSeconds(9));
    assertThat(consumer.workerId()).isEqualTo("w2");
    assertThat(consumer.strandedSweepInterval()).isZero();
    PipelineSettings pipeline = PipelineSettings.from(config);
    assertThat(pipeline.maxWidth()).isEqualTo(1920);
    assertThat(pipeline.maxHeight()).isEqualTo(1080);
    assertThat(pipeline.x264Preset()).isEqualTo("fast");
    assertThat(pipeline.x264Crf()).isEqualTo(23);
    assertThat(pipeline.limits().maxDurationSeconds()).isEqualTo(60);
    assertThat(pipeline.limits().maxFrames()).isEqualTo(5000);
    assertThat(pipeline.limits().maxFrameRate()).isEqualTo(50);
    assertThat(pipeline.frameMemoryBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(Detectors.defaultKind(config)).isEqualTo(DetectorKind.REKOGNITION);
    assertThat(RekognitionSettings.from(config))
        .isEqualTo(new RekognitionSettings(2.5, 3, 80, 70, 8));
    assertThat(QueueSettings.from(config).queueUrl())
        .isEqualTo("http://127.0.0.1:1/000000000000/q");
    assertThat(DirectoryStorageSettings.from(config).videoDirectory())
        .isEqualTo(Path.of("/data/v"));
    assertThat(config.get("PRIVACYPAL_METRICS_PORT")).contains("off");
  }

  @Test
  void s3AndAwsFlagsSetTheS3SettingsAndTheClients() {
    ConfigSource config =
        settings(
            "status",
            "--s3-bucket=videos",
            "--s3-input-prefix=in",
            "--s3-output-prefix=out",
            "--s3-status-prefix=st",
            "--s3-temp-directory=/tmp/s3",
            "--s3-max-input-bytes=1000",
            "--s3-part-size-bytes=6000000",
            "--aws-region=eu-west-1",
            "--aws-endpoint-url=http://127.0.0.1:1",
            "--aws-endpoint-url-sqs=http://127.0.0.1:2");

    assertThat(S3StorageSettings.from(config))
        .isEqualTo(
            new S3StorageSettings(
                "videos", "in/", "out/", "st/", Path.of("/tmp/s3"), 1000, 6000000));
    AwsClientFactory aws = new AwsClientFactory(config);
    assertThat(aws.region().id()).isEqualTo("eu-west-1");
    assertThat(aws.endpoint("SQS")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(2));
    assertThat(aws.endpoint("S3")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(1));
  }

  @Test
  void processTakesItsFilesAndTheJobOptionFlags() {
    ProcessCommand process =
        Launch.command(Map.of(), "process", "in.mp4", "out/clip.mp4", "--blur-mode=gaussian");
    ConfigSource config =
        settings(
            "process",
            "in.mp4",
            "out.mp4",
            "--options-json={\"boxScale\": 2.0, \"mask\": \"box\"}",
            "--blur-mode=gaussian",
            "--mask=ellipse",
            "--keyframe-interval=0.5",
            "--blur-faces=false",
            "--regions=[{\"x\":0,\"y\":0,\"width\":10,\"height\":10}]");

    assertThat(process.inputArgument).isEqualTo(Path.of("in.mp4"));
    assertThat(process.outputArgument).isEqualTo(Path.of("out/clip.mp4"));
    JobOptions options = JobOptionsFlags.read(config);
    assertThat(options.blurMode()).isEqualTo(BlurMode.GAUSSIAN);
    assertThat(options.mask()).isEqualTo(MaskShape.ELLIPSE);
    assertThat(options.keyframeIntervalSeconds()).isEqualTo(0.5);
    assertThat(options.boxScale()).isEqualTo(2.0);
    assertThat(options.blurFaces()).isFalse();
    assertThat(options.regions()).hasSize(1);
  }

  @Test
  void enqueueTakesTheJobOptionFlagsItDocuments() {
    EnqueueCommand enqueue =
        Launch.command(Map.of(), "enqueue", "a.mp4", "trips/*.mp4", "--mask=ellipse");
    JobOptions options =
        JobOptionsFlags.read(settings("enqueue", "a.mp4", "--blur-mode=fill", "--box-scale=1.5"));

    assertThat(enqueue.selection).containsExactly("a.mp4", "trips/*.mp4");
    assertThat(options.blurMode()).isEqualTo(BlurMode.FILL);
    assertThat(options.boxScale()).isEqualTo(1.5);
  }

  @Test
  void localAndSqsTakeTheEmbeddedQueueSettings() {
    ConfigSource local =
        settings("local", "--sqs-port=9400", "--max-receive-count=5", "--face-model=/m.tflite");
    ConfigSource sqs = settings("sqs", "--sqs-port=9401", "--visibility-timeout-seconds=30");

    assertThat(local.getInt("PRIVACYPAL_SQS_PORT", 0)).isEqualTo(9400);
    assertThat(ConsumerSettings.from(local).maxReceiveCount()).isEqualTo(5);
    assertThat(local.get("PRIVACYPAL_FACE_MODEL")).contains("/m.tflite");
    assertThat(sqs.getInt("PRIVACYPAL_SQS_PORT", 0)).isEqualTo(9401);
    assertThat(sqs.getInt("PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS", 0)).isEqualTo(30);
  }

  @Test
  void dlqActionsTakeALimitAndFailStrandedTheVisibilityTimeout() {
    assertThat(settings("dlq", "list", "--limit=5").getInt("PRIVACYPAL_LIMIT", 0)).isEqualTo(5);
    assertThat(settings("dlq", "redrive", "--limit", "6").getInt("PRIVACYPAL_LIMIT", 0))
        .isEqualTo(6);
    ConfigSource stranded = settings("dlq", "fail-stranded", "--visibility-timeout-seconds=45");
    assertThat(ConsumerSettings.from(stranded).visibilityTimeout())
        .isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void benchHandsOnTheClipsTheRemoteLatencyAndTheRuns() {
    BenchCommand bench =
        Launch.command(
            Map.of("PRIVACYPAL_CLIPS", "640x360x2"),
            "bench",
            "/tmp/b",
            "--remote-latency-ms=150",
            "--runs=1");
    KeyframeStudyCommand study =
        Launch.command(
            Map.of(), "bench-keyframes", "--intervals=0.2,0.3", "--seconds=2", "--photo-width=320");

    assertThat(bench.benchmarkArguments())
        .containsExactly("/tmp/b", "--clips=640x360x2", "--remote-latency-ms=150", "--runs=1");
    assertThat(study.studyArguments())
        .containsExactly("--intervals=0.2,0.3", "--seconds=2.0", "--photo-width=320");
  }

  @Test
  void benchSegmentsHandsOnTheClipAndTheSegmentLength() {
    SegmentBenchCommand segments =
        Launch.command(
            Map.of(), "bench-segments", "/tmp/s", "--clip=320x180x20", "--segment-seconds=5");

    assertThat(segments.benchmarkArguments())
        .containsExactly("/tmp/s", "--clip=320x180x20", "--segment-seconds=5.0");
  }

  @Test
  void benchLeaksHandsOnTheClipsTheDetectorsTheJobOptionsAndTheSwitch() {
    LeakBenchCommand leaks =
        Launch.command(
            Map.of("PRIVACYPAL_DETECTORS", "truth"),
            "bench-leaks",
            "/tmp/l",
            "--clips=sizes,crossing",
            "--options-json={\"mask\":\"ellipse\"}",
            "--keep-outputs");
    LeakBenchCommand plain = Launch.command(Map.of(), "bench-leaks");

    assertThat(leaks.benchmarkArguments())
        .containsExactly(
            "/tmp/l",
            "--clips=sizes,crossing",
            "--detectors=truth",
            "--options-json={\"mask\":\"ellipse\"}",
            "--keep-outputs");
    assertThat(plain.benchmarkArguments()).isEmpty();
  }

  @Test
  void loggingFlagsAreTakenAfterAnyCommand() {
    picocli.CommandLine line = Main.commandLine(Map.of("PRIVACYPAL_LOG_FORMAT", "json"));
    PrivacypalCommand root = line.getCommand();
    line.parseArgs("worker", "--log-level=DEBUG");

    assertThat(root.logging.logLevel).isEqualTo("DEBUG");
    assertThat(root.logging.logFormat).isEqualTo("json");
  }

  private static String sampleFor(Class<?> type) {
    if (type == Integer.class || type == Long.class) {
      return "7";
    }
    if (type == Double.class) {
      return "0.5";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "false";
    }
    if (type == Path.class) {
      return "/tmp/sample";
    }
    return "sample";
  }
}
