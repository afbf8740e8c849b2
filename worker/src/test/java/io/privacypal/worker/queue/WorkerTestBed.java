package io.privacypal.worker.queue;

import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import io.privacypal.common.video.DirectoryVideoStore;
import io.privacypal.worker.pipeline.VideoProcessor;
import io.privacypal.worker.queue.attempt.JobHandler;
import io.privacypal.worker.queue.consume.JobConsumer;
import io.privacypal.worker.queue.deadletter.DeadLetterQueue;
import io.privacypal.worker.segment.Segmenter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An embedded SQS with the job queue and its DLQ, a file status store and a video directory, and
 * consumers with test-sized timings: 1 s long polls, a 2 s visibility timeout (heartbeat every
 * second), 1 s base retry delay.
 */
public final class WorkerTestBed implements AutoCloseable {
  public static final int MAX_RECEIVE_COUNT = 3;
  public static final Duration VISIBILITY = Duration.ofSeconds(2);

  public final LocalSqs sqs = LocalSqs.start(MAX_RECEIVE_COUNT, (int) VISIBILITY.toSeconds());
  public final FileJobStatusStore statuses;
  public final DirectoryVideoStore videos;
  public final Path outputDir;
  public final Clock clock = Clock.systemUTC();
  private final JobMessageCodec codec = new JobMessageCodec();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  public WorkerTestBed(Path root) throws IOException {
    statuses = new FileJobStatusStore(root.resolve("status"));
    Path videoDir = Files.createDirectories(root.resolve("videos"));
    outputDir = root.resolve("processed");
    videos = new DirectoryVideoStore(videoDir, outputDir);
    Files.writeString(videoDir.resolve("clip.mp4"), "not really a video; the fakes do not decode");
  }

  public static ConsumerSettings settings(String workerId) {
    return ConsumerSettings.builder()
        .slots(2)
        .pollWait(Duration.ofSeconds(1))
        .visibilityTimeout(VISIBILITY)
        .maxReceiveCount(MAX_RECEIVE_COUNT)
        .baseRetryDelay(Duration.ofSeconds(1))
        .maxRetryDelay(Duration.ofSeconds(2))
        .shutdownGrace(Duration.ofSeconds(5))
        .workerId(workerId)
        .strandedSweepInterval(Duration.ZERO)
        .build();
  }

  public DeadLetterQueue deadLetters() {
    return new DeadLetterQueue(
        sqs.client(), sqs.queueUrl(), sqs.deadLetterQueueUrl(), statuses, clock);
  }

  public JobConsumer startConsumer(VideoProcessor processor) {
    return startConsumer(processor, settings("worker-a"), sqs.client());
  }

  public JobConsumer startConsumer(VideoProcessor processor, ConsumerSettings settings) {
    return startConsumer(processor, settings, sqs.client());
  }

  public JobConsumer startConsumer(
      VideoProcessor processor, ConsumerSettings settings, SqsClient client) {
    return startConsumer(processor, settings, client, statuses);
  }

  public JobConsumer startConsumer(
      VideoProcessor processor, ConsumerSettings settings, SqsClient client, JobStatusStore store) {
    return startConsumer(processor, null, settings, client, store);
  }

  /** A consumer that splits long videos with {@code segmenter} (null: never). */
  public JobConsumer startConsumer(
      VideoProcessor processor,
      Segmenter segmenter,
      ConsumerSettings settings,
      SqsClient client,
      JobStatusStore store) {
    JobQueueReceiver queue = new JobQueueReceiver(client, sqs.queueUrl(), clock);
    PrivacypalMetrics metrics = new PrivacypalMetrics();
    JobConsumer consumer =
        new JobConsumer(
            queue,
            new JobHandler(
                queue,
                deadLetters(),
                store,
                videos,
                processor,
                segmenter,
                settings,
                clock,
                metrics),
            settings,
            metrics);
    closeables.add(consumer);
    consumer.start();
    return consumer;
  }

  /** A client of its own, to cut one consumer off from SQS as a crash would. */
  public SqsClient separateClient() {
    SqsClient client =
        SqsClient.builder()
            .endpointOverride(URI.create(sqs.endpoint()))
            .region(Region.CA_CENTRAL_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    closeables.add(client);
    return client;
  }

  /** Stores the job's first status as the gateway does, then sends its message. */
  public JobId submit(String jobId) {
    return submit(jobId, "clip.mp4", JobOptions.defaults(), Instant.now());
  }

  public JobId submit(String jobId, String video, JobOptions options, Instant submittedAt) {
    JobId id = JobId.of(jobId);
    statuses.createIfAbsent(JobStatus.queued(id, video, options, submittedAt));
    sendRaw(codec.encode(JobMessage.of(id, video, options, submittedAt)));
    return id;
  }

  public Path video(String name) throws IOException {
    return Files.writeString(videos.videoDirectory().resolve(name), "video " + name);
  }

  /** Receives the one message on the job queue until SQS moves it, as crashed workers leave it. */
  public void strandBySqs() {
    JobQueueReceiver source = new JobQueueReceiver(sqs.client(), sqs.queueUrl(), clock);
    for (int i = 0; i < MAX_RECEIVE_COUNT; i++) {
      List<QueueMessage> got = source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30));
      if (got.size() != 1) {
        throw new IllegalStateException("expected one message on the job queue, got " + got.size());
      }
      source.changeVisibility(got.get(0), Duration.ZERO);
    }
    // ElasticMQ applies the RedrivePolicy on the next receive.
    if (!source.receive(1, Duration.ofSeconds(1), Duration.ofSeconds(30)).isEmpty()) {
      throw new IllegalStateException("SQS did not move the message to the dead-letter queue");
    }
  }

  public String sendRaw(String body) {
    return sqs.client().sendMessage(b -> b.queueUrl(sqs.queueUrl()).messageBody(body)).messageId();
  }

  public JobStatus status(JobId id) {
    return statuses.find(id).orElseThrow();
  }

  public int visible(String queueUrl) {
    return attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
  }

  public int inFlight(String queueUrl) {
    return attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
  }

  /** Visible, in flight and delayed messages together. */
  public int total(String queueUrl) {
    Map<QueueAttributeName, String> a =
        sqs.client()
            .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        + Integer.parseInt(
            a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
  }

  private int attribute(String queueUrl, QueueAttributeName name) {
    return Integer.parseInt(
        sqs.client()
            .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name))
            .attributes()
            .get(name));
  }

  /** Every file under the output directory, relative to it, but the aliases' lock. */
  public List<Path> outputFiles() throws IOException {
    if (!Files.isDirectory(outputDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(outputDir)) {
      return files
          .filter(Files::isRegularFile)
          .map(outputDir::relativize)
          .filter(p -> !p.toString().equals(".aliases.lock"))
          .sorted()
          .toList();
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    sqs.close();
  }
}
