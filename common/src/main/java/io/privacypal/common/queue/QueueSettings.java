package io.privacypal.common.queue;

import io.privacypal.common.config.ConfigSource;

/**
 * Which SQS queue carries jobs. PRIVACYPAL_QUEUE_URL names it; without one, the embedded local
 * queue at 127.0.0.1:PRIVACYPAL_SQS_PORT is meant.
 */
public record QueueSettings(String queueUrl) {
  public static final String DEFAULT_QUEUE_NAME = "privacypal-jobs";
  public static final String DEFAULT_DLQ_NAME = "privacypal-jobs-dlq";
  public static final int DEFAULT_SQS_PORT = 9324;

  public QueueSettings {
    if (queueUrl == null || queueUrl.isBlank()) {
      throw new IllegalArgumentException("queue URL is required");
    }
  }

  public static QueueSettings from(ConfigSource config) {
    return new QueueSettings(
        config
            .get("PRIVACYPAL_QUEUE_URL")
            .orElseGet(
                () -> localQueueUrl(config.getInt("PRIVACYPAL_SQS_PORT", DEFAULT_SQS_PORT))));
  }

  public static String localEndpoint(int port) {
    return "http://127.0.0.1:" + port;
  }

  public static String localQueueUrl(int port) {
    return localEndpoint(port) + "/000000000000/" + DEFAULT_QUEUE_NAME;
  }
}
