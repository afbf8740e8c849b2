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
  public static final int DEFAULT_POLL_WAIT_SECONDS = 20;
  public static final int DEFAULT_RETRY_DELAY_SECONDS = 10;
  public static final int DEFAULT_MAX_RETRY_DELAY_SECONDS = 900;
  public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;
  public static final int DEFAULT_STRANDED_SWEEP_SECONDS = 300;

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
    return builder()
        .slots(config.getInt("PRIVACYPAL_WORKER_SLOTS", Runtime.getRuntime().availableProcessors()))
        .pollWait(seconds(config, "PRIVACYPAL_POLL_WAIT_SECONDS", DEFAULT_POLL_WAIT_SECONDS))
        .visibilityTimeout(
            seconds(
                config,
                "PRIVACYPAL_VISIBILITY_TIMEOUT_SECONDS",
                QueueProvisioner.DEFAULT_VISIBILITY_TIMEOUT_SECONDS))
        .maxReceiveCount(
            config.getInt(
                "PRIVACYPAL_MAX_RECEIVE_COUNT", QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT))
        .baseRetryDelay(
            seconds(config, "PRIVACYPAL_RETRY_DELAY_SECONDS", DEFAULT_RETRY_DELAY_SECONDS))
        .maxRetryDelay(
            seconds(config, "PRIVACYPAL_MAX_RETRY_DELAY_SECONDS", DEFAULT_MAX_RETRY_DELAY_SECONDS))
        .shutdownGrace(
            seconds(config, "PRIVACYPAL_SHUTDOWN_GRACE_SECONDS", DEFAULT_SHUTDOWN_GRACE_SECONDS))
        .workerId(config.get("PRIVACYPAL_WORKER_ID").orElseGet(ConsumerSettings::defaultWorkerId))
        .strandedSweepInterval(
            seconds(config, "PRIVACYPAL_STRANDED_SWEEP_SECONDS", DEFAULT_STRANDED_SWEEP_SECONDS))
        .build();
  }

  /** The defaults, one per CPU, with this host's worker id. */
  public static Builder builder() {
    return new Builder();
  }

  /** A copy to change: {@code settings.toBuilder().slots(2).build()}. */
  public Builder toBuilder() {
    return builder()
        .slots(slots)
        .pollWait(pollWait)
        .visibilityTimeout(visibilityTimeout)
        .maxReceiveCount(maxReceiveCount)
        .baseRetryDelay(baseRetryDelay)
        .maxRetryDelay(maxRetryDelay)
        .shutdownGrace(shutdownGrace)
        .statusCheckInterval(statusCheckInterval)
        .workerId(workerId)
        .strandedSweepInterval(strandedSweepInterval);
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

  /** Builds settings field by field; the record's constructor checks them in {@link #build}. */
  public static final class Builder {
    private int slots = Runtime.getRuntime().availableProcessors();
    private Duration pollWait = Duration.ofSeconds(DEFAULT_POLL_WAIT_SECONDS);
    private Duration visibilityTimeout =
        Duration.ofSeconds(QueueProvisioner.DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
    private int maxReceiveCount = QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT;
    private Duration baseRetryDelay = Duration.ofSeconds(DEFAULT_RETRY_DELAY_SECONDS);
    private Duration maxRetryDelay = Duration.ofSeconds(DEFAULT_MAX_RETRY_DELAY_SECONDS);
    private Duration shutdownGrace = Duration.ofSeconds(DEFAULT_SHUTDOWN_GRACE_SECONDS);
    private Duration statusCheckInterval = Duration.ofSeconds(1);
    private String workerId;
    private Duration strandedSweepInterval = Duration.ofSeconds(DEFAULT_STRANDED_SWEEP_SECONDS);

    private Builder() {}

    public Builder slots(int value) {
      slots = value;
      return this;
    }

    public Builder pollWait(Duration value) {
      pollWait = value;
      return this;
    }

    public Builder visibilityTimeout(Duration value) {
      visibilityTimeout = value;
      return this;
    }

    public Builder maxReceiveCount(int value) {
      maxReceiveCount = value;
      return this;
    }

    public Builder baseRetryDelay(Duration value) {
      baseRetryDelay = value;
      return this;
    }

    public Builder maxRetryDelay(Duration value) {
      maxRetryDelay = value;
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      shutdownGrace = value;
      return this;
    }

    public Builder statusCheckInterval(Duration value) {
      statusCheckInterval = value;
      return this;
    }

    public Builder workerId(String value) {
      workerId = value;
      return this;
    }

    public Builder strandedSweepInterval(Duration value) {
      strandedSweepInterval = value;
      return this;
    }

    public ConsumerSettings build() {
      return new ConsumerSettings(
          slots,
          pollWait,
          visibilityTimeout,
          maxReceiveCount,
          baseRetryDelay,
          maxRetryDelay,
          shutdownGrace,
          statusCheckInterval,
          workerId == null ? defaultWorkerId() : workerId,
          strandedSweepInterval);
    }
  }
}
