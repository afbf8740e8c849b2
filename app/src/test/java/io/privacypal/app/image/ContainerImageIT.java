package io.privacypal.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privacypal.app.templates.RepositoryFiles;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobState;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import io.privacypal.worker.detect.FaceModelFiles;
import io.privacypal.worker.testing.FacePhotos;
import io.privacypal.worker.testing.TestVideos;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two images start as their Dockerfiles say, without a Docker engine: each final stage is laid
 * out on disk (files copied from the build, root-owned and read-only; only the directories the
 * Dockerfile hands to the runtime user are writable), and its entrypoint runs as an unprivileged
 * user with the image's environment. The gateway answers {@code /health} and takes a job; the
 * worker takes a job and finishes it; neither writes outside its own directories. Runs after {@code
 * package} (failsafe), since it needs the launcher's built class path; needs root to switch users.
 */
class ContainerImageIT {
  @TempDir Path logs;

  @BeforeAll
  static void needsRootAndSetpriv() {
    assumeTrue("root".equals(System.getProperty("user.name")), "switching users needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) missing");
  }

  @Test
  void theGatewayImageStartsAsItsUserAndTakesAJob() throws Exception {
    DockerfileStage stage = DockerfileStage.read(RepositoryFiles.file("api-gateway/Dockerfile"));
    assertRuntimeUserOwnsOnlyItsData(stage);
    int port = freePort();
    try (LocalSqs sqs = LocalSqs.start();
        ImageLayout image = ImageLayout.of(stage, ContainerImageIT::buildOutput)) {
      Path videos = image.path(stage.environment().get("PRIVACYPAL_VIDEO_DIRECTORY"));
      Files.createDirectories(videos);
      Files.write(videos.resolve("clip.mp4"), new byte[] {0});
      image.giveInputsToUser();
      Process gateway =
          image.start(
              Map.of(
                  "PRIVACYPAL_QUEUE_URL", sqs.queueUrl(),
                  "AWS_ENDPOINT_URL_SQS", sqs.endpoint(),
                  "PRIVACYPAL_HTTP_BIND", "127.0.0.1",
                  "PRIVACYPAL_HTTP_PORT", Integer.toString(port)),
              logs.resolve("gateway.log"));
      try {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        boolean healthy =
            poll(Duration.ofSeconds(90), () -> get(http, base.resolve("/health")) == 200, gateway);
        assertThat(healthy).as("/health answered 200; gateway log:" + log("gateway.log")).isTrue();

        HttpResponse<String> submit =
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "image-test-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"video\": \"clip.mp4\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submit.statusCode()).as(submit.body() + log("gateway.log")).isEqualTo(202);
      } finally {
        stop(gateway);
      }
      assertThat(image.writtenOutsideUserDirectories()).isEmpty();
    }
  }

  @Test
  void theWorkerImageStartsAsItsUserAndFinishesAJob() throws Exception {
    DockerfileStage stage = DockerfileStage.read(RepositoryFiles.file("worker/Dockerfile"));
    assertRuntimeUserOwnsOnlyItsData(stage);
    try (LocalSqs sqs = LocalSqs.start();
        ImageLayout image = ImageLayout.of(stage, ContainerImageIT::buildOrModel)) {
      Path videos = image.path(stage.environment().get("PRIVACYPAL_VIDEO_DIRECTORY"));
      Files.createDirectories(videos);
      Path clip = TestVideos.still(videos, FacePhotos.sample(3), true).file();
      // Made before the worker starts: the store lays out its directories, which the user must own.
      FileJobStatusStore statuses =
          new FileJobStatusStore(
              image.path(stage.environment().get("PRIVACYPAL_STATUS_DIRECTORY")));
      image.giveInputsToUser();
      Process worker =
          image.start(
              Map.of(
                  "PRIVACYPAL_QUEUE_URL", sqs.queueUrl(),
                  "AWS_ENDPOINT_URL_SQS", sqs.endpoint(),
                  "PRIVACYPAL_METRICS_PORT", "0",
                  "PRIVACYPAL_WORKER_SLOTS", "1",
                  "PRIVACYPAL_POLL_WAIT_SECONDS", "1"),
              logs.resolve("worker.log"));
      try {
        String messageId =
            sqs.client()
                .sendMessage(
                    m ->
                        m.queueUrl(sqs.queueUrl())
                            .messageBody("{\"video\": \"" + clip.getFileName() + "\"}"))
                .messageId();
        poll(
            Duration.ofSeconds(180),
            () ->
                statuses
                    .find(JobId.of(messageId))
                    .map(JobStatus::state)
                    .filter(JobState::isTerminal)
                    .isPresent(),
            worker);
        Optional<JobStatus> status = statuses.find(JobId.of(messageId));
        assertThat(status.map(JobStatus::state)).as(log("worker.log")).contains(JobState.SUCCEEDED);
      } finally {
        stop(worker);
      }
      assertThat(image.writtenOutsideUserDirectories()).isEmpty();
    }
  }

  /** The image runs as a named user who owns its data directories and not the application. */
  private static void assertRuntimeUserOwnsOnlyItsData(DockerfileStage stage) {
    assertThat(stage.user()).isNotIn("root", "0", "");
    assertThat(stage.userDirectories()).isNotEmpty();
    assertThat(stage.userDirectories())
        .noneMatch(dir -> stage.workingDirectory().startsWith(dir) || dir.equals("/"));
    stage.environment().entrySet().stream()
        .filter(e -> e.getKey().endsWith("_DIRECTORY"))
        .forEach(
            e ->
                assertThat(stage.userDirectories())
                    .as(e.getKey() + " is written by the process")
                    .anyMatch(dir -> e.getValue().startsWith(dir + "/")));
  }

  private static Path buildOutput(String stage, String source) {
    assertThat(stage).isEqualTo("build");
    assertThat(source).startsWith("/src/");
    return RepositoryFiles.root().resolve(source.substring("/src/".length()));
  }

  /** The worker's other stage fetches the face model; here it is the copy the tests use. */
  private static Path buildOrModel(String stage, String source) {
    if (stage.equals("face-model")) {
      return FaceModelFiles.blazeFace();
    }
    return buildOutput(stage, source);
  }

  /** Polls until the condition holds (true), the process ends or the time is up (false). */
  private static boolean poll(Duration limit, Callable<Boolean> condition, Process process)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (condition.call()) {
          return true;
        }
      } catch (Exception e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    return false;
  }

  private static int get(HttpClient http, URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private String log(String name) {
    try {
      return "\n" + Files.readString(logs.resolve(name));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
