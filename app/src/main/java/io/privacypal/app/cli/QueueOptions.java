package io.privacypal.app.cli;

import io.privacypal.common.queue.QueueSettings;
import picocli.CommandLine.Option;

/** Which queue carries jobs (QueueSettings). */
final class QueueOptions {
  @Option(
      names = "--queue-url",
      paramLabel = "URL",
      description = "the SQS job queue (default the embedded queue on --sqs-port)")
  String queueUrl;

  @Option(
      names = "--sqs-port",
      paramLabel = "PORT",
      description =
          "port of the embedded SQS server (default " + QueueSettings.DEFAULT_SQS_PORT + ")")
  Integer sqsPort;
}
