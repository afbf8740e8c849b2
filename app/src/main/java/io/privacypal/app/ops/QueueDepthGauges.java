package io.privacypal.app.ops;

import io.privacypal.common.metrics.PrivacypalMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Queue depth as gauges, read from SQS at most every 15 s however often Prometheus scrapes. */
public final class QueueDepthGauges {
  private static final Duration MAX_AGE = Duration.ofSeconds(15);

  private final SqsClient sqs;
  private final String queueUrl;
  private final Clock clock;
  private QueueDepth cached;
  private Instant readAt = Instant.MIN;

  private QueueDepthGauges(SqsClient sqs, String queueUrl, Clock clock) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.clock = clock;
  }

  public static void register(PrivacypalMetrics metrics, SqsClient sqs, String queueUrl) {
    QueueDepthGauges gauges = new QueueDepthGauges(sqs, queueUrl, Clock.systemUTC());
    String name = "privacypal.queue.messages";
    String help = "Messages in the job queue and its dead-letter queue";
    metrics.gauge(name, help, () -> gauges.depth().visible(), "queue", "jobs", "kind", "visible");
    metrics.gauge(
        name, help, () -> gauges.depth().inFlight(), "queue", "jobs", "kind", "in_flight");
    metrics.gauge(
        name,
        help,
        () -> gauges.depth().deadLetters().orElse(0L),
        "queue",
        "dlq",
        "kind",
        "visible");
  }

  private synchronized QueueDepth depth() {
    Instant now = clock.instant();
    if (cached == null || readAt.plus(MAX_AGE).isBefore(now)) {
      cached = QueueDepth.of(sqs, queueUrl);
      readAt = now;
    }
    return cached;
  }
}
