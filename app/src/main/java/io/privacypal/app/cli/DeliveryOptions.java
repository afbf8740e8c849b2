package io.privacypal.app.cli;

import io.privacypal.common.queue.QueueProvisioner;
import picocli.CommandLine.Option;

/**
 * How the queue redelivers: shared by the embedded queue server and the workers (ConsumerSettings).
 */
final class DeliveryOptions {
  @Option(
      names = "--visibility-timeout-seconds",
      paramLabel = "SECONDS",
      description =
          "a received job stays hidden this long; the heartbeat extends it every half (default "
              + QueueProvisioner.DEFAULT_VISIBILITY_TIMEOUT_SECONDS
              + ")")
  Integer visibilityTimeoutSeconds;

  @Option(
      names = "--max-receive-count",
      paramLabel = "N",
      description =
          "attempts before a job fails for good and its message goes to the dead-letter queue (default "
              + QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT
              + ")")
  Integer maxReceiveCount;
}
