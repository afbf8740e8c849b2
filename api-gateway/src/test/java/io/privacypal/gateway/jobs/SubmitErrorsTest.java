package io.privacypal.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.gateway.GatewayTestSupport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitErrorsTest extends GatewayTestSupport {
  @TempDir Path outside;

  @AfterEach
  void nothingWasQueued() {
    assertThat(queuedMessages()).isEmpty();
  }

  private static JsonNode errorOf(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = json(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
    return body;
  }

  @Test
  void malformedJsonIs400() {
    video("clip.mp4");
    JsonNode body = errorOf(postJson("/api/v1/jobs", "{\"video\": \"clip.mp4\""), 400);
    assertThat(body.get("error").asText()).startsWith("malformed JSON");
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    errorOf(postJson("/api/v1/jobs", "[\"clip.mp4\"]"), 400);
  }

  @Test
  void aMissingVideoIs400() {
    JsonNode body = errorOf(postJson("/api/v1/jobs", "{\"blurFaces\":true}"), 400);
    assertThat(body.get("error").asText()).contains("\"video\" is required");
  }

  @Test
  void aVideoThatIsNotAStringIs400() {
    JsonNode body = errorOf(postJson("/api/v1/jobs", "{\"video\":42}"), 400);
    assertThat(body.get("error").asText()).contains("non-empty string");
  }

  @Test
  void aWrongTypedOptionIs400NamingTheField() {
    video("clip.mp4");
    JsonNode body =
        errorOf(
            postJson(
                "/api/v1/jobs",
                "{\"video\":\"clip.mp4\",\"regions\":[{\"x\":\"left\",\"y\":0,\"width\":5,\"height\":5}]}"),
            400);
    assertThat(body.get("error").asText()).contains("regions[0].x");
  }

  @Test
  void aMistypedOptionNameIs400InsteadOfRunningWithDefaults() {
    video("clip.mp4");
    JsonNode body =
        errorOf(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\",\"blurface\":false}"), 400);
    assertThat(body.get("error").asText()).contains("unknown field \"blurface\"", "blurFaces");

    JsonNode nested =
        errorOf(
            postJson(
                "/api/v1/jobs", "{\"video\":\"clip.mp4\",\"options\":{\"blurMod\":\"GAUSSIAN\"}}"),
            400);
    assertThat(nested.get("error").asText()).contains("unknown field \"blurMod\"");
  }

  @Test
  void optionsBothNestedAndAtTheTopLevelAre400() {
    video("clip.mp4");
    JsonNode body =
        errorOf(
            postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\",\"options\":{},\"blurFaces\":false}"),
            400);
    assertThat(body.get("error").asText()).contains("not both");
  }

  @Test
  void textAfterTheJsonObjectIs400() {
    video("clip.mp4");
    JsonNode body =
        errorOf(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"} {\"video\":\"x\"}"), 400);
    assertThat(body.get("error").asText()).startsWith("malformed JSON");
  }

  @Test
  void optionsThatAreNotAnObjectAre400() {
    video("clip.mp4");
    errorOf(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\",\"options\":\"fast\"}"), 400);
  }

  @Test
  void anOutOfRangeOptionIs400WithTheValidationMessage() {
    video("clip.mp4");
    JsonNode body =
        errorOf(
            postJson(
                "/api/v1/jobs",
                "{\"video\":\"clip.mp4\",\"options\":{\"keyframeIntervalSeconds\":99}}"),
            400);
    assertThat(body.get("error").asText()).contains("keyframeIntervalSeconds must be between");
  }

  @Test
  void anUnknownBlurModeIs400ListingTheAcceptedOnes() {
    video("clip.mp4");
    JsonNode body =
        errorOf(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\",\"blurMode\":\"swirl\"}"), 400);
    assertThat(body.get("error").asText()).contains("swirl").contains("mosaic");
  }

  @Test
  void nothingToBlurIs400() {
    video("clip.mp4");
    JsonNode body =
        errorOf(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\",\"blurFaces\":false}"), 400);
    assertThat(body.get("error").asText()).contains("nothing to blur");
  }

  @Test
  void aVideoThatDoesNotExistIs404() {
    JsonNode body = errorOf(postJson("/api/v1/jobs", "{\"video\":\"missing.mp4\"}"), 404);
    assertThat(body.get("error").asText()).contains("missing.mp4");
  }

  @Test
  void aNameClimbingOutOfTheVideoDirectoryIs400() {
    errorOf(postJson("/api/v1/jobs", "{\"video\":\"../secret.mp4\"}"), 400);
  }

  @Test
  void anAbsoluteNameIs400() {
    errorOf(postJson("/api/v1/jobs", "{\"video\":\"/etc/passwd\"}"), 400);
  }

  @Test
  void aSymlinkPointingOutOfTheVideoDirectoryIs400() throws IOException {
    Path target = Files.writeString(outside.resolve("private.mp4"), "x");
    Files.createSymbolicLink(videoDir.resolve("link.mp4"), target);
    errorOf(postJson("/api/v1/jobs", "{\"video\":\"link.mp4\"}"), 400);
  }

  @Test
  void aBodyOverTheLimitIs413() {
    video("clip.mp4");
    String padding = "x".repeat(4096);
    JsonNode body =
        errorOf(
            postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\",\"note\":\"" + padding + "\"}"), 413);
    assertThat(body.get("error").asText()).contains("2048");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() {
    video("clip.mp4");
    byte[] big = ("{\"video\":\"clip.mp4\",\"note\":\"" + "y".repeat(4096) + "\"}").getBytes();
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Content-Type", "application/json")
                // No length known up front: sent chunked, so the limit is enforced while reading.
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big))));
    errorOf(response, 413);
  }

  @Test
  void aWrongContentTypeIs415() {
    video("clip.mp4");
    errorOf(post("/api/v1/jobs", "text/plain", "{\"video\":\"clip.mp4\"}"), 415);
  }

  @Test
  void aJsonContentTypeWithACharsetIsAccepted() {
    video("clip.mp4");
    HttpResponse<String> response =
        post("/api/v1/jobs", "application/json; charset=utf-8", "{\"video\":\"clip.mp4\"}");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(queuedMessages()).hasSize(1);
  }

  @Test
  void aWrongMethodIs405WithAllow() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/jobs")).DELETE());
    errorOf(response, 405);
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(a -> assertThat(a).contains("POST"));
  }

  @Test
  void anUnknownRouteIs404() {
    errorOf(get("/api/v2/everything"), 404);
  }
}
