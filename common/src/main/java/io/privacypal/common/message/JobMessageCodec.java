package io.privacypal.common.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads and writes {@link JobMessage} bodies, refusing any body a worker could not act on. */
public final class JobMessageCodec {
  public static final int MAX_BODY_CHARS = 256 * 1024;

  private final ObjectMapper mapper = Json.mapper();

  public String encode(JobMessage message) {
    return Json.write(message);
  }

  public JobMessage decode(String body) throws MalformedMessageException {
    if (body == null || body.isBlank()) {
      throw new MalformedMessageException("empty message body");
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new MalformedMessageException("message body over " + MAX_BODY_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("message body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedMessageException("message body must be a JSON object");
    }
    int version = readSchemaVersion(root);
    String video = readVideo(root);
    JobId jobId = readJobId(root);
    JobOptions options = readOptions(root);
    Instant submittedAt = readSubmittedAt(root);
    MessageKind kind = readKind(root);
    if (kind == MessageKind.JOB) {
      return new JobMessage(version, jobId, video, options, submittedAt);
    }
    if (version < JobMessage.SEGMENT_SCHEMA_VERSION || jobId == null) {
      throw new MalformedMessageException(
          "a segment message needs schemaVersion "
              + JobMessage.SEGMENT_SCHEMA_VERSION
              + " and a jobId");
    }
    return JobMessage.segment(jobId, video, options, submittedAt, readSegment(root));
  }

  /** An unknown kind comes from a newer sender: this worker cannot act on it. */
  private static MessageKind readKind(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("kind");
    if (node == null || node.isNull()) {
      return MessageKind.JOB;
    }
    if (!node.isTextual() || MessageKind.fromWire(node.textValue()).isEmpty()) {
      throw new MalformedMessageException(
          "unknown message kind " + node + ": this worker runs \"job\" and \"segment\"");
    }
    return MessageKind.fromWire(node.textValue()).get();
  }

  private static SegmentRange readSegment(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("segment");
    if (node == null
        || !node.path("index").canConvertToInt()
        || !node.path("index").isIntegralNumber()
        || !node.path("firstFrame").isIntegralNumber()
        || !node.path("endFrame").isIntegralNumber()) {
      throw new MalformedMessageException(
          "a segment message needs \"segment\": {index, firstFrame, endFrame} (integers)");
    }
    try {
      return new SegmentRange(
          node.get("index").intValue(),
          node.get("firstFrame").longValue(),
          node.get("endFrame").longValue());
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(e.getMessage(), e);
    }
  }

  private static int readSchemaVersion(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("schemaVersion");
    if (node == null || node.isNull()) {
      return JobMessage.CURRENT_SCHEMA_VERSION;
    }
    if (!node.isInt()
        || node.intValue() < JobMessage.CURRENT_SCHEMA_VERSION
        || node.intValue() > JobMessage.SEGMENT_SCHEMA_VERSION) {
      throw new MalformedMessageException(
          "unsupported schemaVersion "
              + node
              + ": this worker reads versions "
              + JobMessage.CURRENT_SCHEMA_VERSION
              + " and "
              + JobMessage.SEGMENT_SCHEMA_VERSION);
    }
    return node.intValue();
  }

  private static String readVideo(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("video");
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw new MalformedMessageException("message has no \"video\" (a non-empty string)");
    }
    return node.textValue();
  }

  private static JobId readJobId(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("jobId");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || !JobId.isValid(node.textValue())) {
      throw new MalformedMessageException("invalid jobId " + node);
    }
    return JobId.of(node.textValue());
  }

  private JobOptions readOptions(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("options");
    if (node == null || node.isNull()) {
      return JobOptions.defaults();
    }
    try {
      return mapper.treeToValue(node, JobOptions.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new MalformedMessageException("invalid options: " + cause.getMessage(), e);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedMessageException("invalid options: " + rootMessage(e), e);
    }
  }

  private static Instant readSubmittedAt(JsonNode root) throws MalformedMessageException {
    JsonNode node = root.get("submittedAt");
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new MalformedMessageException("submittedAt is not an ISO-8601 instant: " + node, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
  }
}
