package io.privacypal.worker.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privacypal.common.job.JobId;
import io.privacypal.common.json.Json;
import java.util.Optional;

/**
 * Reads what it can from a body that may not be a valid job message, so a malformed message can
 * still fail its job and an operator can still see what a dead letter was about.
 */
public final class MessageBodies {
  private MessageBodies() {}

  public static Optional<JobId> jobId(String body) {
    return text(body, "jobId").filter(JobId::isValid).map(JobId::of);
  }

  public static Optional<String> video(String body) {
    return text(body, "video");
  }

  /** The body with {@code jobId} set, if it is a JSON object without one; else unchanged. */
  public static String withJobId(String body, JobId jobId) {
    Optional<ObjectNode> root = object(body);
    if (root.isEmpty() || root.get().hasNonNull("jobId")) {
      return body;
    }
    root.get().put("jobId", jobId.value());
    return Json.write(root.get());
  }

  private static Optional<String> text(String body, String field) {
    return object(body)
        .map(root -> root.get(field))
        .filter(JsonNode::isTextual)
        .map(JsonNode::textValue);
  }

  private static Optional<ObjectNode> object(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.mapper().readTree(body);
      return root instanceof ObjectNode node ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      // Not JSON at all: there is nothing to read, and the caller reports the body as malformed.
      return Optional.empty();
    }
  }
}
