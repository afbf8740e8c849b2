package io.privacypal.worker.queue;

import io.privacypal.common.config.ConfigException;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.queue.QueueProvisioner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How a worker takes jobs from SQS.
 *
 * @param slots jobs run at once (PRIVACYPAL_WORKER_SLOTS, default the number of CPUs)
 * @param pollWait long-poll wait of one receive (PRIVACYPAL_POLL_WAIT_SECONDS, 1..20, default 20)
 * @param visibilityTimeout how long a received message stays hidden; the heartbeat renews it every
 *     half of it (PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS, default 90)
 * @param maxReceiveCount attempts before a transient failure becomes final; keep it equal to the
 *     queue's RedrivePolicy (PRIVACYPAL_MAX_RECEIVE_COUNT, default 3)
 * @param baseRetryDelay delay before the 2nd attempt, doubled for each later one
 *     (PRIVACYPAL_RETRY_DELAY_SECONDS, default 10)
 * @param maxRetryDelay cap of that delay (PRIVACYPAL_MAX_RETRY_DELAY_SECONDS, default 900)
 * @param shutdownGrace how long a stop lets running jobs finish before releasing them
 *     (PRIVACYPAL_SHUTDOWN_GRACE_SECONDS, default 30)
 * @param statusCheckInterval how often a running job reads its status to notice a cancel; at most
 *     one second, so a cancel stops a job within two
 * @param workerId written into the status of the jobs this worker runs (PRIVACYPAL_WORKER_ID,
 *     default host name and pid)
 * @param strandedSweepInterval how often the worker fails the jobs whose messages SQS moved to the
 *     dead-letter queue (PRIVACYPAL_STRANDED_SWEEP_SECONDS, default 300, 0 never)
 */
public record ConsumerSettings(
    int slots,
    Duration pollWait,
    Duration visibilityTimeout,
    int maxReceiveCount,
    Duration baseRetryDelay,
    Duration maxRetryDelay,
    Duration shutdownGrace,
    Duration statusCheckInterval,
    String workerId,
    Duration strandedSweepInterval) {

  /** SQS hides a message for at most 12 hours from its receive, heartbeat or not. */
  public static final Duration SQS_MAX_VISIBILITY = Duration.ofHours(12);

  public static final int MAX_MESSAGES_PER_RECEIVE = 10;

  public ConsumerSettings {
    require(slots >= 1, "PRIVACYPAL_WORKER_SLOTS must be at least 1, got " + slots);
    require(
        pollWait != null && !pollWait.isNegative() && pollWait.toSeconds() <= 20,
        "the long-poll wait must be 0..20 s, got " + pollWait);
    require(
        visibilityTimeout != null
            && visibilityTimeout.toSeconds() >= 2
            && visibilityTimeout.compareTo(SQS_MAX_VISIBILITY) <= 0,
        "the visibility timeout must be 2 s..12 h (whole seconds), got " + visibilityTimeout);
    require(
        maxReceiveCount >= 1 && maxReceiveCount <= 1000,
        "PRIVACYPAL_MAX_RECEIVE_COUNT must be 1..1000, got " + maxReceiveCount);
    require(
        baseRetryDelay != null && !baseRetryDelay.isNegative(),
        "the retry delay must not be negative, got " + baseRetryDelay);
    require(
        maxRetryDelay != null
            && maxRetryDelay.compareTo(baseRetryDelay) >= 0
            && maxRetryDelay.compareTo(SQS_MAX_VISIBILITY) <= 0,
        "the max retry delay must be between the retry delay and 12 h, got " + maxRetryDelay);
    require(
        shutdownGrace != null && !shutdownGrace.isNegative(),
        "PRIVACYPAL_SHUTDOWN_GRACE_SECONDS must not be negative, got " + shutdownGrace);
    require(
        statusCheckInterval != null
            && statusCheckInterval.toMillis() >= 10
            && statusCheckInterval.compareTo(Duration.ofSeconds(1)) <= 0,
        "the status check interval must be 10 ms..1 s, got " + statusCheckInterval);
    require(workerId != null && !workerId.isBlank(), "the worker id must not be blank");
    require(
        strandedSweepInterval != null && !strandedSweepInterval.isNegative(),
        "PRIVACYPAL_STRANDED_SWEEP_SECONDS must not be negative, got " + strandedSweepInterval);
  }

  public static ConsumerSettings from(ConfigSource config) {
    return new ConsumerSettings(
        config.getInt("PRIVACYPAL_WORKER_SLOTS", Runtime.getRuntime().availableProcessors()),
        seconds(config, "PRIVACYPAL_POLL_WAIT_SECONDS", 20),
        seconds(
            config,
            "PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS",
            QueueProvisioner.DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
        config.getInt("PRIVACYPAL_MAX_RECEIVE_COUNT", QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT),
        seconds(config, "PRIVACYPAL_RETRY_DELAY_SECONDS", 10),
        seconds(config, "PRIVACYPAL_MAX_RETRY_DELAY_SECONDS", 900),
        seconds(config, "PRIVACYPAL_SHUTDOWN_GRACE_SECONDS", 30),
        Duration.ofSeconds(1),
        config.get("PRIVACYPAL_WORKER_ID").orElseGet(ConsumerSettings::defaultWorkerId),
        seconds(config, "PRIVACYPAL_STRANDED_SWEEP_SECONDS", 300));
  }

  /** The heartbeat period: half the visibility timeout, so one late beat never loses the job. */
  public Duration heartbeatInterval() {
    return visibilityTimeout.dividedBy(2);
  }

  /** base * 2^(attempt-1), capped; attempt is the receive count of the attempt that failed. */
  public Duration retryDelay(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    Duration delay = baseRetryDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }

  public ConsumerSettings withSlots(int newSlots) {
    return new ConsumerSettings(
        newSlots, pollWait, visibilityTimeout, maxReceiveCount, baseRetryDelay, maxRetryDelay,
        shutdownGrace, statusCheckInterval, workerId, strandedSweepInterval);
  }

  public ConsumerSettings withWorkerId(String newWorkerId) {
    return new ConsumerSettings(
        slots, pollWait, visibilityTimeout, maxReceiveCount, baseRetryDelay, maxRetryDelay,
        shutdownGrace, statusCheckInterval, newWorkerId, strandedSweepInterval);
  }

  static String defaultWorkerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  private static Duration seconds(ConfigSource config, String name, int defaultSeconds) {
    return Duration.ofSeconds(config.getInt(name, defaultSeconds));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(message);
    }
  }
}
