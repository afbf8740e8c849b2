package io.privacypal.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.json.Json;
import io.privacypal.common.message.JobMessage;
import io.privacypal.common.message.JobMessageCodec;
import io.privacypal.common.message.MalformedMessageException;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.FileJobStatusStore;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.testing.LocalSqs;
import io.privacypal.common.video.DirectoryVideoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A real gateway on a free port over a real status directory, a real video directory and the
 * embedded ElasticMQ queue (one per test class, emptied before each test).
 */
public abstract class GatewayTestSupport {
  protected static LocalSqs sqs;

  @TempDir protected Path videoDir;
  @TempDir protected Path statusDir;

  protected JobStatusStore statuses;
  protected DirectoryVideoStore videos;
  protected JobQueue queue;
  protected GatewayServer server;
  protected final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startQueue() {
    sqs = LocalSqs.start();
  }

  @AfterAll
  static void stopQueue() {
    sqs.close();
  }

  @BeforeEach
  void startGateway() {
    sqs.client().purgeQueue(b -> b.queueUrl(sqs.queueUrl()));
    statuses = new FileJobStatusStore(statusDir);
    videos = new DirectoryVideoStore(videoDir, videoDir.resolve("processed"));
    queue = new JobQueue(sqs.client(), sqs.queueUrl());
    server = newServer(Map.of()).start();
  }

  @AfterEach
  void stopGateway() {
    server.stop();
  }

  protected GatewayServer newServer(Map<String, String> extraSettings) {
    return new GatewayServer(settings(extraSettings), statuses, videos, queue, Clock.systemUTC());
  }

  protected GatewaySettings settings(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("PRIVACYPAL_HTTP_PORT", "0");
    env.put("PRIVACYPAL_HTTP_BIND", "127.0.0.1");
    env.put("PRIVACYPAL_HTTP_THREADS", "4");
    env.put("PRIVACYPAL_MAX_BODY_BYTES", "2048");
    env.put("PRIVACYPAL_STATUS_DIRECTORY", statusDir.toString());
    env.putAll(extra);
    return GatewaySettings.from(ConfigSource.of(env));
  }

  /** Replaces the running gateway with one built from these extra settings. */
  protected void restartWith(Map<String, String> extraSettings) {
    server.stop();
    server = newServer(extraSettings).start();
  }

  protected Path video(String name) {
    try {
      Path file = videoDir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.write(file, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  protected HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
  }

  protected HttpResponse<String> postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  protected HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  protected HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every message now on the queue, decoded (ElasticMQ short polls see every message); receiving
   * hides them.
   */
  protected List<JobMessage> queuedMessages() {
    List<JobMessage> all = new ArrayList<>();
    JobMessageCodec codec = new JobMessageCodec();
    while (true) {
      List<Message> batch =
          sqs.client()
              .receiveMessage(
                  b -> b.queueUrl(sqs.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(0))
              .messages();
      if (batch.isEmpty()) {
        return all;
      }
      for (Message message : batch) {
        try {
          all.add(codec.decode(message.body()));
        } catch (MalformedMessageException e) {
          throw new AssertionError("the gateway sent a message no worker can read", e);
        }
      }
    }
  }
}
