package io.privacypal.infra.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment files say what the system relies on: a DLQ, a private bucket, scoped roles. */
class DeploymentTemplatesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String path) throws IOException {
    return YAML.readTree(ROOT.resolve(path).toFile());
  }

  private static List<JsonNode> yamlDocuments(String path) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(ROOT.resolve(path).toFile())) {
      var iterator = YAML.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        documents.add(iterator.next());
      }
    }
    return documents;
  }

  private static JsonNode resources() throws IOException {
    return yaml("infra/aws/privacypal.yaml").get("Resources");
  }

  @Test
  void theJobQueueRedrivesToTheDeadLetterQueueWhichKeepsMessagesLonger() throws IOException {
    JsonNode queue = resources().get("JobQueue").get("Properties");
    JsonNode dlq = resources().get("DeadLetterQueue").get("Properties");

    JsonNode redrive = queue.get("RedrivePolicy");
    assertThat(redrive.at("/deadLetterTargetArn/Fn::GetAtt/0").asText()).isEqualTo("DeadLetterQueue");
    assertThat(redrive.at("/deadLetterTargetArn/Fn::GetAtt/1").asText()).isEqualTo("Arn");
    assertThat(redrive.at("/maxReceiveCount/Ref").asText()).isEqualTo("MaxReceiveCount");
    assertThat(dlq.get("MessageRetentionPeriod").asInt())
        .isGreaterThan(queue.get("MessageRetentionPeriod").asInt());

    JsonNode alarm = resources().get("DeadLetterAlarm").get("Properties");
    assertThat(alarm.at("/Dimensions/0/Value/Fn::GetAtt/0").asText()).isEqualTo("DeadLetterQueue");
    assertThat(alarm.get("Threshold").asInt()).isZero();
  }

  @Test
  void theBucketIsEncryptedPrivateAndTlsOnly() throws IOException {
    JsonNode bucket = resources().get("VideoBucket").get("Properties");

    assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm").asText())
        .isNotBlank();
    JsonNode block = bucket.get("PublicAccessBlockConfiguration");
    for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
      assertThat(block.get(setting).asBoolean()).as(setting).isTrue();
    }
    assertThat(bucket.at("/LifecycleConfiguration/Rules/0/Prefix").asText()).isEqualTo("tmp/");
    JsonNode deny = resources().get("VideoBucketPolicy").at("/Properties/PolicyDocument/Statement/0");
    assertThat(deny.get("Effect").asText()).isEqualTo("Deny");
    assertThat(deny.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
  }

  @Test
  void rolesNameOnlyTheQueueTheDeadLetterQueueAndTheBucket() throws IOException {
    for (String role : List.of("GatewayTaskRole", "WorkerTaskRole")) {
      for (JsonNode statement : resources().get(role).at("/Properties/Policies/0/PolicyDocument/Statement")) {
        JsonNode resource = statement.get("Resource");
        if (resource.isTextual()) {
          assertThat(resource.asText()).as(role + " " + statement.get("Sid")).isEqualTo("*");
          assertThat(statement.get("Action").toString()).isEqualTo("[\"rekognition:DetectFaces\"]");
          continue;
        }
        for (JsonNode target : resource) {
          String named = target.toString();
          assertThat(named)
              .as(role + " " + statement.get("Sid"))
              .containsAnyOf("JobQueue", "DeadLetterQueue", "VideoBucket");
        }
      }
    }
    String gateway = resources().get("GatewayTaskRole").toString();
    assertThat(gateway).contains("sqs:SendMessage").doesNotContain("sqs:DeleteMessage", "rekognition");
  }

  @Test
  void workersScaleOnBacklogPerRunningWorker() throws IOException {
    JsonNode policy = resources().get("WorkerBacklogScaling").get("Properties");
    assertThat(policy.get("PolicyType").asText()).isEqualTo("TargetTrackingScaling");
    assertThat(policy.at("/ScalingTargetId/Ref").asText()).isEqualTo("WorkerScalableTarget");
    String metrics = policy.at("/TargetTrackingScalingPolicyConfiguration/CustomizedMetricSpecification").toString();
    assertThat(metrics)
        .contains("ApproximateNumberOfMessagesVisible", "JobQueue", "RunningTaskCount", "visible / MAX([workers, 1])");
    assertThat(resources().at("/WorkerScalableTarget/Properties/ResourceId/Fn::Sub").asText())
        .contains("WorkerService");
  }

  @Test
  void kedaScalesTheWorkerDeploymentOnTheSqsQueue() throws IOException {
    JsonNode scaled = yamlDocuments("infra/k8s/worker-scaledobject.yaml").get(0);
    JsonNode worker = yamlDocuments("infra/k8s/worker.yaml").get(0);

    assertThat(scaled.get("kind").asText()).isEqualTo("ScaledObject");
    assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo(worker.at("/metadata/name").asText());
    assertThat(scaled.at("/spec/triggers/0/type").asText()).isEqualTo("aws-sqs-queue");
    assertThat(scaled.at("/spec/triggers/0/metadata/queueURL").asText()).endsWith("/privacypal-jobs");
    assertThat(worker.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isGreaterThan(45);
  }

  @Test
  void composeWorkersScaleAndLocalStackGetsTheQueuesAndTheBucket() throws IOException {
    JsonNode services = yaml("docker-compose.yml").get("services");
    JsonNode worker = services.get("worker");

    assertThat(worker.has("container_name")).isFalse();
    assertThat(worker.has("ports")).isFalse();
    assertThat(worker.at("/build/dockerfile").asText()).isEqualTo("worker/Dockerfile");
    assertThat(services.at("/localstack/environment/SERVICES").asText()).contains("sqs").contains("s3");

    String init = Files.readString(ROOT.resolve("infra/localstack/init-aws.sh"));
    assertThat(init)
        .contains("--queue-name privacypal-jobs-dlq")
        .contains("--queue-name privacypal-jobs ")
        .contains("RedrivePolicy")
        .contains("s3 mb s3://privacypal-videos");
    assertThat(Files.readString(ROOT.resolve("worker/Dockerfile"))).contains("ffmpeg").contains("PRIVACYPAL_FACE_MODEL");
  }
}
