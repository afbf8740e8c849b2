package io.privacypal.app.cli;

import picocli.CommandLine.Option;

/** How a worker takes jobs (ConsumerSettings; the queue's redelivery is in DeliveryOptions). */
final class ConsumerOptions {
  @Option(
      names = "--worker-slots",
      paramLabel = "N",
      description = "jobs run at once (default the CPU count)")
  Integer workerSlots;

  @Option(
      names = "--poll-wait-seconds",
      paramLabel = "SECONDS",
      description = "SQS long poll, 0-20 (default 20)")
  Integer pollWaitSeconds;

  @Option(
      names = "--retry-delay-seconds",
      paramLabel = "SECONDS",
      description = "back-off after a transient failure, doubling per attempt (default 10)")
  Integer retryDelaySeconds;

  @Option(
      names = "--max-retry-delay-seconds",
      paramLabel = "SECONDS",
      description = "cap of that back-off (default 900)")
  Integer maxRetryDelaySeconds;

  @Option(
      names = "--shutdown-grace-seconds",
      paramLabel = "SECONDS",
      description =
          "on SIGTERM running jobs may finish this long, then go back to the queue (default 30)")
  Integer shutdownGraceSeconds;

  @Option(
      names = "--worker-id",
      paramLabel = "ID",
      description = "written into the statuses of its jobs (default host name and pid)")
  String workerId;

  @Option(
      names = "--stranded-sweep-seconds",
      paramLabel = "SECONDS",
      description =
          "how often to fail jobs whose messages SQS dead-lettered; 0 never (default 300)")
  Integer strandedSweepSeconds;

  @Option(
      names = "--segment-seconds",
      paramLabel = "SECONDS",
      description =
          "split videos longer than this into segments any worker runs; 0 never (default 60)")
  Double segmentSeconds;
}
