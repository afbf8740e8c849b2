package io.privacypal.app.templates;

import static io.privacypal.app.templates.RepositoryFiles.oneOrMany;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** infra/k8s: the worker stops gracefully and KEDA scales it on the job queue. */
class KubernetesTemplateTest {

  private static JsonNode only(String file, String kind) throws IOException {
    List<JsonNode> found =
        RepositoryFiles.yamlDocuments(file).stream()
            .filter(d -> d.path("kind").asText().equals(kind))
            .toList();
    assertThat(found).as("%s in %s", kind, file).hasSize(1);
    return found.get(0);
  }

  private static String env(JsonNode container, String name) {
    return oneOrMany(container.path("env")).stream()
        .filter(e -> e.path("name").asText().equals(name))
        .map(e -> e.path("value").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not set"));
  }

  @Test
  void workerPodOutlivesItsShutdownGrace() throws IOException {
    JsonNode pod =
        only("infra/k8s/worker.yaml", "Deployment").path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    int grace = Integer.parseInt(env(container, "PRIVACYPAL_SHUTDOWN_GRACE_SECONDS"));
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(grace);
    assertThat(env(container, "PRIVACYPAL_DETECTOR")).isEqualTo("rekognition");
    assertThat(env(container, "PRIVACYPAL_QUEUE_URL")).endsWith("/privacypal-jobs");
  }

  @Test
  void bothPodsSetTheirBindAddressAndTheGatewayTakesItsKeysFromASecret() throws IOException {
    for (String file : List.of("infra/k8s/gateway.yaml", "infra/k8s/worker.yaml")) {
      JsonNode container =
          only(file, "Deployment")
              .path("spec")
              .path("template")
              .path("spec")
              .path("containers")
              .get(0);
      assertThat(env(container, "PRIVACYPAL_HTTP_BIND")).as(file).isEqualTo("0.0.0.0");
    }
    JsonNode gateway =
        only("infra/k8s/gateway.yaml", "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    assertThat(oneOrMany(gateway.path("env")))
        .anyMatch(
            e ->
                e.path("name").asText().equals("PRIVACYPAL_API_KEYS")
                    && e.path("valueFrom").path("secretKeyRef").has("name"));
  }

  @Test
  void kedaScalesTheWorkerDeploymentOnTheJobQueue() throws IOException {
    JsonNode worker = only("infra/k8s/worker.yaml", "Deployment");
    JsonNode scaled = only("infra/k8s/worker-scaledobject.yaml", "ScaledObject");
    assertThat(scaled.path("apiVersion").asText()).startsWith("keda.sh/");
    JsonNode spec = scaled.path("spec");
    assertThat(spec.path("scaleTargetRef").path("kind").asText())
        .isEqualTo(worker.path("kind").asText());
    assertThat(spec.path("scaleTargetRef").path("name").asText())
        .isEqualTo(worker.path("metadata").path("name").asText());
    assertThat(spec.path("minReplicaCount").asInt())
        .isLessThanOrEqualTo(spec.path("maxReplicaCount").asInt());

    JsonNode trigger = spec.path("triggers").get(0);
    assertThat(trigger.path("type").asText()).isEqualTo("aws-sqs-queue");
    JsonNode metadata = trigger.path("metadata");
    String workerQueue =
        env(
            worker.path("spec").path("template").path("spec").path("containers").get(0),
            "PRIVACYPAL_QUEUE_URL");
    assertThat(metadata.path("queueURL").asText()).isEqualTo(workerQueue);
    assertThat(Integer.parseInt(metadata.path("queueLength").asText())).isPositive();
    assertThat(metadata.path("awsRegion").asText()).isNotBlank();
    boolean identity =
        metadata.path("identityOwner").asText().equals("operator")
            || trigger.path("authenticationRef").has("name");
    assertThat(identity).as("KEDA's operator identity or a TriggerAuthentication").isTrue();
  }

  @Test
  void gatewayServiceRoutesToTheContainerPort() throws IOException {
    JsonNode deployment = only("infra/k8s/gateway.yaml", "Deployment");
    JsonNode service = only("infra/k8s/gateway.yaml", "Service");
    JsonNode container =
        deployment.path("spec").path("template").path("spec").path("containers").get(0);
    JsonNode port = container.path("ports").get(0);
    assertThat(port.path("containerPort").asInt()).isEqualTo(8080);
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
        .isIn(port.path("name").asText(), "8080");
    assertThat(service.path("spec").path("selector"))
        .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
  }
}
