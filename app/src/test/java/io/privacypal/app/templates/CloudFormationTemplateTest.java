package io.privacypal.app.templates;

import static io.privacypal.app.templates.RepositoryFiles.oneOrMany;
import static io.privacypal.app.templates.RepositoryFiles.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** infra/aws/privacypal.yaml keeps the properties the queue, storage and IAM design rely on. */
class CloudFormationTemplateTest {
  private static JsonNode template;
  private static JsonNode resources;

  @BeforeAll
  static void parse() throws IOException {
    template = RepositoryFiles.yaml("infra/aws/privacypal.yaml");
    resources = template.path("Resources");
  }

  private static JsonNode resource(String name) {
    JsonNode resource = resources.path(name);
    assertThat(resource.isObject()).as("resource %s", name).isTrue();
    return resource;
  }

  private static List<Map.Entry<String, JsonNode>> resourcesOfType(String type) {
    List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
    resources
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)) {
                found.add(e);
              }
            });
    return found;
  }

  private static boolean isGetAtt(JsonNode node, String resource, String attribute) {
    List<String> parts = texts(node.path("Fn::GetAtt"));
    return parts.equals(List.of(resource, attribute));
  }

  @Test
  void jobQueueRedrivesToTheDeadLetterQueueArnAfterMaxReceiveCount() {
    JsonNode redrive = resource("JobQueue").path("Properties").path("RedrivePolicy");
    assertThat(isGetAtt(redrive.path("deadLetterTargetArn"), "JobDeadLetterQueue", "Arn")).isTrue();
    assertThat(redrive.path("maxReceiveCount").path("Ref").asText()).isEqualTo("MaxReceiveCount");
    assertThat(template.path("Parameters").path("MaxReceiveCount").path("Default").asInt())
        .isEqualTo(3);
    assertThat(resource("JobDeadLetterQueue").path("Properties").path("QueueName").asText())
        .isEqualTo("privacypal-jobs-dlq");
    assertThat(resource("JobQueue").path("Properties").path("QueueName").asText())
        .isEqualTo("privacypal-jobs");
  }

  @Test
  void deadLettersAreKeptLongerThanJobsAndTheVisibilityTimeoutMatchesTheWorker() {
    JsonNode queue = resource("JobQueue").path("Properties");
    JsonNode dlq = resource("JobDeadLetterQueue").path("Properties");
    assertThat(dlq.path("MessageRetentionPeriod").asInt()).isEqualTo(1209600);
    assertThat(dlq.path("MessageRetentionPeriod").asInt())
        .isGreaterThan(queue.path("MessageRetentionPeriod").asInt());
    assertThat(queue.path("VisibilityTimeout").asInt()).isEqualTo(90);
  }

  @Test
  void anAlarmFiresWhenAnyMessageIsVisibleOnTheDeadLetterQueue() {
    List<JsonNode> alarms =
        resourcesOfType("AWS::CloudWatch::Alarm").stream()
            .map(e -> e.getValue().path("Properties"))
            .filter(
                p ->
                    oneOrMany(p.path("Dimensions")).stream()
                        .anyMatch(
                            d ->
                                d.path("Name").asText().equals("QueueName")
                                    && isGetAtt(
                                        d.path("Value"), "JobDeadLetterQueue", "QueueName")))
            .toList();
    assertThat(alarms).hasSize(1);
    JsonNode alarm = alarms.get(0);
    assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
    assertThat(alarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
    assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.path("Threshold").asDouble()).isZero();
  }

  @Test
  void videoBucketIsEncryptedAndBlocksEveryKindOfPublicAccess() {
    JsonNode bucket = resource("VideoBucket").path("Properties");
    List<String> algorithms =
        oneOrMany(bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration"))
            .stream()
            .map(rule -> rule.path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText())
            .toList();
    assertThat(algorithms).isNotEmpty().allMatch(a -> a.equals("AES256") || a.equals("aws:kms"));
    JsonNode block = bucket.path("PublicAccessBlockConfiguration");
    for (String flag :
        List.of(
            "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
      assertThat(block.path(flag).isBoolean() && block.path(flag).booleanValue()).as(flag).isTrue();
    }
  }

  @Test
  void temporaryObjectsExpireAfterOneDayAndOutputsAfterTheConfiguredRetention() {
    List<JsonNode> rules =
        oneOrMany(
            resource("VideoBucket")
                .path("Properties")
                .path("LifecycleConfiguration")
                .path("Rules"));
    assertThat(rules)
        .anySatisfy(
            rule -> {
              assertThat(rule.path("Prefix").asText()).isEqualTo("tmp/");
              assertThat(rule.path("ExpirationInDays").asInt()).isEqualTo(1);
              assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
            });
    assertThat(rules)
        .anySatisfy(
            rule -> {
              assertThat(rule.path("Prefix").asText()).isEqualTo("processed/");
              assertThat(rule.path("ExpirationInDays").path("Ref").asText())
                  .isEqualTo("ProcessedRetentionDays");
            });
  }

  @Test
  void bucketPolicyDeniesEveryRequestNotMadeOverTls() {
    JsonNode policy = resourcesOfType("AWS::S3::BucketPolicy").get(0).getValue().path("Properties");
    assertThat(policy.path("Bucket").path("Ref").asText()).isEqualTo("VideoBucket");
    List<JsonNode> statements = oneOrMany(policy.path("PolicyDocument").path("Statement"));
    assertThat(statements)
        .anySatisfy(
            s -> {
              assertThat(s.path("Effect").asText()).isEqualTo("Deny");
              assertThat(texts(s.path("Action"))).containsAnyOf("s3:*");
              assertThat(s.path("Condition").path("Bool").path("aws:SecureTransport").asText())
                  .isEqualTo("false");
              assertThat(oneOrMany(s.path("Resource"))).hasSize(2);
            });
  }

  @Test
  void workerScalesOnVisibleJobsPerRunningWorkerTask() {
    Map.Entry<String, JsonNode> target =
        resourcesOfType("AWS::ApplicationAutoScaling::ScalableTarget").get(0);
    assertThat(target.getValue().path("Properties").path("ResourceId").path("Fn::Sub").asText())
        .contains("${WorkerService.Name}");
    JsonNode policy =
        resourcesOfType("AWS::ApplicationAutoScaling::ScalingPolicy").stream()
            .map(e -> e.getValue().path("Properties"))
            .filter(p -> p.path("ScalingTargetId").path("Ref").asText().equals(target.getKey()))
            .findFirst()
            .orElseThrow();
    JsonNode tracking = policy.path("TargetTrackingScalingPolicyConfiguration");
    assertThat(policy.path("PolicyType").asText()).isEqualTo("TargetTrackingScaling");
    assertThat(tracking.path("TargetValue").path("Ref").asText()).isEqualTo("BacklogPerWorker");

    List<JsonNode> metrics =
        oneOrMany(tracking.path("CustomizedMetricSpecification").path("Metrics"));
    JsonNode backlog =
        metrics.stream()
            .filter(
                m ->
                    m.path("MetricStat")
                        .path("Metric")
                        .path("MetricName")
                        .asText()
                        .equals("ApproximateNumberOfMessagesVisible"))
            .findFirst()
            .orElseThrow();
    assertThat(oneOrMany(backlog.path("MetricStat").path("Metric").path("Dimensions")))
        .anySatisfy(d -> assertThat(isGetAtt(d.path("Value"), "JobQueue", "QueueName")).isTrue());
    JsonNode workers =
        metrics.stream()
            .filter(
                m ->
                    m.path("MetricStat")
                        .path("Metric")
                        .path("MetricName")
                        .asText()
                        .equals("RunningTaskCount"))
            .findFirst()
            .orElseThrow();
    assertThat(workers.path("MetricStat").path("Metric").path("Namespace").asText())
        .isEqualTo("ECS/ContainerInsights");
    JsonNode expression =
        metrics.stream().filter(m -> m.path("ReturnData").asBoolean()).findFirst().orElseThrow();
    assertThat(expression.path("Expression").asText())
        .isEqualTo(backlog.path("Id").asText() + " / " + workers.path("Id").asText());
  }

  /**
   * Every IAM grant names the queue, the dead-letter queue or the bucket; "*" only for DetectFaces.
   */
  @Test
  void taskRolesGrantOnlyOnTheQueuesAndTheBucketExceptDetectFaces() {
    Set<String> ownResources = Set.of("JobQueue", "JobDeadLetterQueue", "VideoBucket");
    List<JsonNode> statements = new ArrayList<>();
    for (var role : resourcesOfType("AWS::IAM::Role")) {
      for (JsonNode policy : oneOrMany(role.getValue().path("Properties").path("Policies"))) {
        statements.addAll(oneOrMany(policy.path("PolicyDocument").path("Statement")));
      }
    }
    assertThat(statements).isNotEmpty();
    for (JsonNode statement : statements) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      for (JsonNode resource : oneOrMany(statement.path("Resource"))) {
        if (resource.isTextual()) {
          assertThat(resource.asText()).as("a literal resource").isEqualTo("*");
          assertThat(texts(statement.path("Action")))
              .as("actions on *")
              .containsExactly("rekognition:DetectFaces");
        } else if (resource.has("Fn::GetAtt")) {
          assertThat(texts(resource.path("Fn::GetAtt")).get(0)).isIn(ownResources);
        } else {
          assertThat(resource.path("Fn::Sub").asText()).startsWith("${VideoBucket.Arn}/");
        }
      }
    }
  }

  @Test
  void gatewayCanOnlyEnqueueWhileTheWorkerConsumesAndDetectsFaces() {
    List<String> gateway = actions("GatewayTaskRole");
    List<String> worker = actions("WorkerTaskRole");
    assertThat(gateway)
        .contains("sqs:SendMessage", "sqs:GetQueueAttributes")
        .doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage", "rekognition:DetectFaces");
    assertThat(worker)
        .contains(
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
            "s3:PutObject",
            "s3:AbortMultipartUpload",
            "rekognition:DetectFaces");
  }

  @Test
  void tasksGetTheQueueBucketAndRekognitionDetector() {
    for (String taskDefinition : List.of("GatewayTaskDefinition", "WorkerTaskDefinition")) {
      JsonNode container =
          resource(taskDefinition).path("Properties").path("ContainerDefinitions").get(0);
      Map<String, JsonNode> env = new HashMap<>();
      oneOrMany(container.path("Environment"))
          .forEach(e -> env.put(e.path("Name").asText(), e.path("Value")));
      assertThat(env.get("PRIVACYPAL_QUEUE_URL").path("Ref").asText()).isEqualTo("JobQueue");
      assertThat(env.get("PRIVACYPAL_S3_BUCKET").path("Ref").asText()).isEqualTo("VideoBucket");
      assertThat(env.get("PRIVACYPAL_DETECTOR").asText()).isEqualTo("rekognition");
      assertThat(env.get("AWS_REGION").path("Ref").asText()).isEqualTo("AWS::Region");
    }
    JsonNode worker =
        resource("WorkerTaskDefinition").path("Properties").path("ContainerDefinitions").get(0);
    int maxGrace =
        template.path("Parameters").path("WorkerShutdownGraceSeconds").path("MaxValue").asInt();
    assertThat(worker.path("StopTimeout").asInt()).isGreaterThan(maxGrace);
  }

  @Test
  void intrinsicFunctionsAreWrittenInLongFormOnly() throws IOException {
    String text = Files.readString(RepositoryFiles.file("infra/aws/privacypal.yaml"));
    assertThat(text).doesNotContainPattern("![A-Z][A-Za-z]+");
  }

  private static List<String> actions(String role) {
    return oneOrMany(resource(role).path("Properties").path("Policies")).stream()
        .flatMap(p -> oneOrMany(p.path("PolicyDocument").path("Statement")).stream())
        .flatMap(s -> texts(s.path("Action")).stream())
        .toList();
  }
}
