package io.privacypal.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

class BatchEnqueuerTest {
  @TempDir Path statusDir;
  LocalSqs sqs;

  @BeforeEach
  void startQueue() {
    sqs = LocalSqs.start();
  }

  @AfterEach
  void stopQueue() {
    sqs.close();
  }

  @Test
  void twentyFiveVideosBecomeTwentyFiveQueuedJobsAndMessages() throws Exception {
    FileJobStatusStore statuses = new FileJobStatusStore(statusDir);
    BatchEnqueuer enqueuer =
        new BatchEnqueuer(new JobQueue(sqs.client(), sqs.queueUrl()), statuses, Clock.systemUTC());
    List<String> videos = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      videos.add("clip-" + i + ".mp4");
    }
    List<Integer> progress = new ArrayList<>();

    BatchEnqueuer.Result result = enqueuer.enqueue(videos, JobOptions.defaults(), progress::add);

    assertThat(result.failures()).isEmpty();
    assertThat(result.sent()).hasSize(25);
    assertThat(progress).containsExactly(10, 20, 25);
    Set<String> received = new HashSet<>();
    JobMessageCodec codec = new JobMessageCodec();
    while (received.size() < 25) {
      List<Message> batch =
          sqs.client()
              .receiveMessage(
                  b -> b.queueUrl(sqs.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      assertThat(batch).as("messages still expected").isNotEmpty();
      for (Message message : batch) {
        JobMessage job = codec.decode(message.body());
        received.add(job.video());
        assertThat(statuses.find(job.jobId()))
            .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(JobState.QUEUED));
      }
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(videos);
  }

  @Test
  void queueDepthCountsVisibleInFlightAndDeadLetters() {
    JobQueue queue = new JobQueue(sqs.client(), sqs.queueUrl());
    for (int i = 0; i < 3; i++) {
      queue.send(JobMessage.of(null, "v" + i + ".mp4", null, null));
    }
    sqs.client().receiveMessage(b -> b.queueUrl(sqs.queueUrl()).maxNumberOfMessages(1));
    sqs.client().sendMessage(b -> b.queueUrl(sqs.deadLetterQueueUrl()).messageBody("{}"));

    QueueDepth depth = QueueDepth.of(sqs.client(), sqs.queueUrl());

    assertThat(depth.visible()).isEqualTo(2);
    assertThat(depth.inFlight()).isEqualTo(1);
    assertThat(depth.deadLetters()).contains(1L);
  }
}
