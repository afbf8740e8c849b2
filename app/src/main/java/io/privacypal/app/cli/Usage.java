package io.privacypal.app.cli;

final class Usage {
  static final String TEXT =
      """
      usage: privacypal COMMAND [ARGUMENTS] [--setting=value ...]

      Run:
        local                 gateway + worker + embedded SQS queue (ElasticMQ) in one process
        gateway               the HTTP API against a configured queue (PRIVACYPAL_QUEUE_URL)
        worker                a worker with PRIVACYPAL_WORKER_SLOTS job slots on the queue
        process IN OUT        anonymize one file, no queue; prints a JSON summary
        sqs                   only the embedded SQS server (for separate gateway/worker processes)

      Operate:
        enqueue FILE|DIR|GLOB...  one job per video, sent ten per SendMessageBatch
        status                    queue depth, in flight, dead letters, recent jobs
        dlq list | dlq redrive    inspect or move back the dead-letter queue
        dlq fail-stranded         fail the jobs SQS dead-lettered (workers do it every 5 min)
        bench                     pipeline throughput against a plain ffmpeg transcode
        bench-keyframes           leaked face-frames and detector calls per keyframe interval
        bench-leaks               leaked face-frames and over-blur on clips of real photos (local, truth)

      Settings are environment variables (PRIVACYPAL_HTTP_PORT, ...) or flags: --http-port=8081
      answers for PRIVACYPAL_HTTP_PORT. The README lists them all.
      """;

  private Usage() {}
}
