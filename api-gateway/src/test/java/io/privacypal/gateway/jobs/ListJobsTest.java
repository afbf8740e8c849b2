package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.job.JobStatus;
import io.privacypal.gateway.GatewayTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListJobsTest extends GatewayTestSupport {
  private final Instant t0 = Instant.parse("2026-01-02T03:04:05Z");

  @BeforeEach
  void fiveJobs() {
    for (int i = 1; i <= 5; i++) {
      JobId id = JobId.of("job-" + i);
      statuses.createIfAbsent(
          JobStatus.queued(
              id, i % 2 == 0 ? "even.mp4" : "odd.mp4", JobOptions.defaults(), t0.plusSeconds(i)));
    }
    statuses.update(JobId.of("job-2"), s -> s.cancelled(t0.plusSeconds(10)));
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("jobs").forEach(j -> ids.add(j.get("jobId").asText()));
    return ids;
  }

  @Test
  void jobsAreListedNewestFirst() {
    JsonNode page = json(get("/api/v1/jobs"));

    assertThat(ids(page)).containsExactly("job-5", "job-4", "job-3", "job-2", "job-1");
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void stateAndVideoFilterTheList() {
    assertThat(ids(json(get("/api/v1/jobs?state=cancelled")))).containsExactly("job-2");
    assertThat(ids(json(get("/api/v1/jobs?video=odd.mp4"))))
        .containsExactly("job-5", "job-3", "job-1");
    assertThat(ids(json(get("/api/v1/jobs?video=even.mp4&state=QUEUED")))).containsExactly("job-4");
  }

  @Test
  void sinceAndUntilSelectBySubmissionTime() {
    // job-i was submitted at t0 + i s; since is inclusive, until exclusive.
    assertThat(ids(json(get("/api/v1/jobs?since=" + t0.plusSeconds(4)))))
        .containsExactly("job-5", "job-4");
    assertThat(ids(json(get("/api/v1/jobs?until=" + t0.plusSeconds(2))))).containsExactly("job-1");
    assertThat(
            ids(
                json(
                    get(
                        "/api/v1/jobs?since="
                            + t0.plusSeconds(2)
                            + "&until="
                            + t0.plusSeconds(4)))))
        .containsExactly("job-3", "job-2");
  }

  @Test
  void theCursorWalksThroughEveryJobOnce() {
    JsonNode first = json(get("/api/v1/jobs?limit=2"));
    assertThat(ids(first)).containsExactly("job-5", "job-4");

    JsonNode second = json(get("/api/v1/jobs?limit=2&cursor=" + first.get("nextCursor").asText()));
    assertThat(ids(second)).containsExactly("job-3", "job-2");

    JsonNode third = json(get("/api/v1/jobs?limit=2&cursor=" + second.get("nextCursor").asText()));
    assertThat(ids(third)).containsExactly("job-1");
    assertThat(third.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void badFiltersAre400() {
    assertThat(get("/api/v1/jobs?state=DONE").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/jobs?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/jobs?limit=many").statusCode()).isEqualTo(400);
    assertThat(json(get("/api/v1/jobs?cursor=!!!")).get("error").asText())
        .contains("invalid cursor");
    assertThat(json(get("/api/v1/jobs?since=yesterday")).get("error").asText())
        .contains("ISO-8601");
    assertThat(
            get("/api/v1/jobs?since=" + t0.plusSeconds(3) + "&until=" + t0.plusSeconds(3))
                .statusCode())
        .isEqualTo(400);
  }
}
