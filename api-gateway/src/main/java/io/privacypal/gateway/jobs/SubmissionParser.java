package io.privacypal.gateway.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.job.JobOptions;
import io.privacypal.common.json.Json;
import io.privacypal.gateway.http.ApiException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads a submit body: {@code {"video": "...", "options": {...}}}, or the options at the top level
 * beside {@code video}. Every refusal is a 400 whose message names the field.
 *
 * <p>Stricter than the shared mapper, which ignores unknown fields so old workers can read newer
 * messages: here an unknown field is a client's typo ({@code "blurface": false}) that would
 * otherwise run the job with defaults the client did not ask for.
 */
public final class SubmissionParser {
  private final ObjectMapper mapper =
      Json.mapper()
          .copy()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public JobSubmission parse(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable body");
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object with a \"video\" field");
    }
    JsonNode video = root.get("video");
    if (video == null || video.isNull()) {
      throw ApiException.badRequest("\"video\" is required");
    }
    if (!video.isTextual() || video.textValue().isBlank()) {
      throw ApiException.badRequest("\"video\" must be a non-empty string");
    }
    return new JobSubmission(video.textValue(), options((ObjectNode) root));
  }

  private JobOptions options(ObjectNode root) {
    JsonNode nested = root.get("options");
    JsonNode source;
    if (nested != null && !nested.isNull()) {
      if (!nested.isObject()) {
        throw ApiException.badRequest("\"options\" must be a JSON object");
      }
      if (root.size() > 2) {
        throw ApiException.badRequest(
            "give the options either inside \"options\" or at the top level, not both");
      }
      source = nested;
    } else {
      ObjectNode topLevel = root.deepCopy();
      topLevel.remove("video");
      topLevel.remove("options");
      source = topLevel;
    }
    try {
      return mapper.treeToValue(source, JobOptions.class);
    } catch (JsonMappingException e) {
      throw ApiException.badRequest(describe(e));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw ApiException.badRequest("invalid options: " + e.getMessage());
    }
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field \""
          + unknown.getPropertyName()
          + "\"; accepted here: "
          + unknown.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidJobOptionsException invalid) {
        return "invalid options: " + invalid.getMessage();
      }
    }
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    String what = e.getOriginalMessage();
    // Jackson's own wording names Java types; keep the first sentence, which says what was wrong.
    int cut = what.indexOf('\n');
    what = cut > 0 ? what.substring(0, cut) : what;
    return field.isEmpty()
        ? "invalid options: " + what
        : "invalid value for \"" + field + "\": " + what;
  }
}
