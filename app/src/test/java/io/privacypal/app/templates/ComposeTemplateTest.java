package io.privacypal.app.templates;

import static io.privacypal.app.templates.RepositoryFiles.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml scales its workers, and the LocalStack hook creates the queues and bucket. */
class ComposeTemplateTest {
  private static final String INIT = "infra/localstack/init-aws.sh";

  @Test
  void workerReplicasHaveNoFixedNameOrHostPort() throws IOException {
    JsonNode worker = RepositoryFiles.yaml("docker-compose.yml").path("services").path("worker");
    assertThat(worker.isObject()).isTrue();
    assertThat(worker.has("container_name")).isFalse();
    assertThat(worker.has("ports")).isFalse();
    assertThat(worker.path("environment").path("PRIVACYPAL_QUEUE_URL").asText())
        .endsWith("/privacypal-jobs");
  }

  @Test
  void servicesTalkToLocalStackWithPlaceholderKeys() throws IOException {
    JsonNode services = RepositoryFiles.yaml("docker-compose.yml").path("services");
    JsonNode localstack = services.path("localstack");
    assertThat(localstack.path("environment").path("SERVICES").asText()).isEqualTo("sqs,s3");
    assertThat(texts(localstack.path("volumes")))
        .anyMatch(v -> v.startsWith("./" + INIT + ":/etc/localstack/init/ready.d/"));
    assertThat(texts(services.path("gateway").path("ports")))
        .anyMatch(p -> p.endsWith("8080:8080"));
    for (String name : List.of("gateway", "worker")) {
      JsonNode env = services.path(name).path("environment");
      assertThat(env.path("AWS_ENDPOINT_URL").asText())
          .as(name)
          .isEqualTo("http://localstack:4566");
      assertThat(env.path("AWS_REGION").asText()).as(name).isEqualTo("ca-central-1");
      assertThat(env.path("AWS_ACCESS_KEY_ID").asText()).as(name).isEqualTo("test");
      assertThat(env.path("PRIVACYPAL_S3_BUCKET").asText()).as(name).isNotBlank();
    }
  }

  /** Without keys an open gateway would bind to 127.0.0.1; containers say where, explicitly. */
  @Test
  void everyServiceSetsItsBindAddressAndTheGatewayPassesKeysThrough() throws IOException {
    JsonNode services = RepositoryFiles.yaml("docker-compose.yml").path("services");
    for (String name : List.of("gateway", "worker")) {
      assertThat(services.path(name).path("environment").path("PRIVACYPAL_HTTP_BIND").asText())
          .as(name)
          .isEqualTo("0.0.0.0");
    }
    assertThat(services.path("gateway").path("environment").has("PRIVACYPAL_API_KEYS")).isTrue();
    for (String dockerfile : List.of("api-gateway/Dockerfile", "worker/Dockerfile")) {
      assertThat(Files.readString(RepositoryFiles.file(dockerfile)))
          .as(dockerfile)
          .contains("PRIVACYPAL_HTTP_BIND=0.0.0.0");
    }
  }

  /** Runs the hook against a recording awslocal and reads the attributes it would send. */
  @Test
  void initScriptCreatesTheDeadLetterQueueThenTheJobQueueRedrivingToItAndTheBucket(
      @TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is needed to run " + INIT);
    Path calls = Files.createDirectory(dir.resolve("calls"));
    Path fake = dir.resolve("awslocal");
    Files.writeString(
        fake,
        String.join(
            "\n",
            "#!/bin/bash",
            "n=$(ls \"" + calls + "\" | wc -l)",
            "printf '%s\\0' \"$@\" > \"" + calls + "/$(printf %03d \"$n\")\"",
            "case \"$*\" in",
            "  *get-queue-url*) echo http://localstack:4566/000000000000/privacypal-jobs-dlq ;;",
            "  *get-queue-attributes*) echo arn:aws:sqs:ca-central-1:000000000000:privacypal-jobs-dlq ;;",
            "esac",
            ""));
    assertThat(fake.toFile().setExecutable(true)).isTrue();

    ProcessBuilder builder =
        new ProcessBuilder("/bin/bash", RepositoryFiles.file(INIT).toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile());
    builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();

    List<List<String>> invocations;
    try (Stream<Path> files = Files.list(calls)) {
      invocations = files.sorted().map(f -> Arrays.asList(read(f).split("\0"))).toList();
    }
    int dlq = indexOf(invocations, "create-queue", "privacypal-jobs-dlq");
    int queue = indexOf(invocations, "create-queue", "privacypal-jobs");
    assertThat(dlq).isLessThan(queue);
    assertThat(indexOf(invocations, "create-bucket", "privacypal-videos")).isNotNegative();

    List<String> createQueue = invocations.get(queue);
    JsonNode attributes =
        new ObjectMapper().readTree(createQueue.get(createQueue.indexOf("--attributes") + 1));
    JsonNode redrive = new ObjectMapper().readTree(attributes.path("RedrivePolicy").asText());
    assertThat(redrive.path("deadLetterTargetArn").asText())
        .isEqualTo("arn:aws:sqs:ca-central-1:000000000000:privacypal-jobs-dlq");
    assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(3);
    assertThat(attributes.path("VisibilityTimeout").asInt()).isEqualTo(90);
  }

  private static int indexOf(List<List<String>> invocations, String command, String name) {
    for (int i = 0; i < invocations.size(); i++) {
      if (invocations.get(i).contains(command) && invocations.get(i).contains(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
