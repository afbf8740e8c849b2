package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.BlurMode;
import io.privacypal.common.job.BlurRegion;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.message.JobMessage;
import io.privacypal.gateway.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitJobTest extends GatewayTestSupport {

  @Test
  void submittingAJobAnswers202WritesQueuedAndSendsExactlyOneMessage() {
    video("clip.mp4");

    HttpResponse<String> response =
        postJson(
            "/api/v1/jobs", "{\"video\":\"clip.mp4\",\"options\":{\"blurMode\":\"gaussian\"}}");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode view = json(response);
    String id = view.get("jobId").asText();
    assertThat(view.get("video").asText()).isEqualTo("clip.mp4");
    assertThat(view.get("state").asText()).isEqualTo("QUEUED");
    assertThat(view.get("progress").asDouble()).isZero();
    assertThat(view.get("output").isNull()).isTrue();
    assertThat(view.get("error").isNull()).isTrue();
    assertThat(view.hasNonNull("createdAt")).isTrue();
    assertThat(view.hasNonNull("updatedAt")).isTrue();
    assertThat(response.headers().firstValue("Location")).contains("/api/v1/jobs/" + id);

    JobStatus stored = statuses.find(JobId.of(id)).orElseThrow();
    assertThat(stored.state()).isEqualTo(JobState.QUEUED);
    assertThat(stored.options().blurMode()).isEqualTo(BlurMode.GAUSSIAN);

    List<JobMessage> messages = queuedMessages();
    assertThat(messages).hasSize(1);
    JobMessage message = messages.get(0);
    assertThat(message.jobId()).isEqualTo(JobId.of(id));
    assertThat(message.video()).isEqualTo("clip.mp4");
    assertThat(message.options()).isEqualTo(stored.options());
    assertThat(message.submittedAt()).isNotNull();
  }

  @Test
  void optionsAtTheTopLevelAreTakenAsTheJobsOptions() {
    video("clip.mp4");

    HttpResponse<String> response =
        postJson(
            "/api/v1/jobs",
            "{\"video\":\"clip.mp4\",\"blurFaces\":false,"
                + "\"regions\":[{\"x\":10,\"y\":20,\"width\":30,\"height\":40}]}");

    assertThat(response.statusCode()).isEqualTo(202);
    JobMessage message = queuedMessages().get(0);
    assertThat(message.options().blurFaces()).isFalse();
    assertThat(message.options().regions()).containsExactly(BlurRegion.of(10, 20, 30, 40));
  }

  @Test
  void aBodyWithOnlyTheVideoGetsTheDefaultOptions() {
    video("sub/clip.mov");

    HttpResponse<String> response = postJson("/api/v1/jobs", "{\"video\":\"sub/clip.mov\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(queuedMessages().get(0).options()).isEqualTo(JobOptions.defaults());
  }

  @Test
  void aSubmittedJobCanBeReadBackByItsId() {
    video("clip.mp4");
    String id = json(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();

    HttpResponse<String> response = get("/api/v1/jobs/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode view = json(response);
    assertThat(view.get("jobId").asText()).isEqualTo(id);
    assertThat(view.get("state").asText()).isEqualTo("QUEUED");
    assertThat(view.get("attempts").asInt()).isZero();
  }

  @Test
  void twoSubmitsOfOneVideoAreTwoJobsWithTwoMessages() {
    video("clip.mp4");

    String first = json(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();
    String second =
        json(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}")).get("jobId").asText();

    assertThat(first).isNotEqualTo(second);
    assertThat(queuedMessages())
        .extracting(m -> m.jobId().value())
        .containsExactlyInAnyOrder(first, second);
  }
}
