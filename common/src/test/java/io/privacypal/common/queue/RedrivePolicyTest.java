package io.privacypal.common.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privacypal.common.testing.LocalSqs;
import org.junit.jupiter.api.Test;

class RedrivePolicyTest {

  @Test
  void findsTheDeadLetterQueueOfAProvisionedQueue() {
    try (LocalSqs sqs = LocalSqs.start(4, 30)) {
      RedrivePolicy policy = RedrivePolicy.of(sqs.client(), sqs.queueUrl()).orElseThrow();

      assertThat(policy.maxReceiveCount()).isEqualTo(4);
      assertThat(policy.deadLetterQueueUrl(sqs.client())).isEqualTo(sqs.deadLetterQueueUrl());
      assertThat(RedrivePolicy.of(sqs.client(), sqs.deadLetterQueueUrl())).isEmpty();
    }
  }

  @Test
  void readsWhatItWritesAndTheNumberCloudFormationWrites() {
    RedrivePolicy policy = new RedrivePolicy("arn:aws:sqs:ca-central-1:123456789012:jobs-dlq", 3);

    assertThat(RedrivePolicy.parse(policy.toJson())).contains(policy);
    assertThat(
            RedrivePolicy.parse(
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:ca-central-1:1:jobs-dlq\",\"maxReceiveCount\":5}"))
        .get()
        .extracting(RedrivePolicy::deadLetterQueueName, RedrivePolicy::maxReceiveCount)
        .containsExactly("jobs-dlq", 5);
  }

  @Test
  void noPolicyOrNoTargetIsEmptyAndAnythingButJsonIsAnError() {
    assertThat(RedrivePolicy.parse(null)).isEmpty();
    assertThat(RedrivePolicy.parse(" ")).isEmpty();
    assertThat(RedrivePolicy.parse("{\"maxReceiveCount\":\"3\"}")).isEmpty();
    assertThatThrownBy(() -> RedrivePolicy.parse("deadLetterTargetArn=x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not JSON");
  }
}
