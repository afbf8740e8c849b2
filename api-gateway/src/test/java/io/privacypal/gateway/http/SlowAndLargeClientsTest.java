package io.privacypal.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.privacypal.common.json.Json;
import io.privacypal.gateway.GatewayTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that are slow or large on purpose, against a real gateway on 127.0.0.1. */
class SlowAndLargeClientsTest extends GatewayTestSupport {
  private static final int SLOW_CLIENTS = 200;

  /** A request whose header block never ends: the slow clients send it one byte a second. */
  private static final byte[] ENDLESS_HEADERS =
      ("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(200))
          .getBytes(StandardCharsets.US_ASCII);

  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void withAShortReadTimeout() {
    restartWith(Map.of("PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS", "2"));
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    sockets.add(socket);
    return socket;
  }

  /** Whether the server has closed the connection (a read sees the end, or a reset). */
  private static boolean closedByServer(Socket socket) {
    try {
      socket.setSoTimeout(1);
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Everything the server sends until it closes the connection (5 s at most). */
  private static String readUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A submit that declares a body of this length and sends only its first bytes. */
  private Socket submitTheStartOfABodyOf(long declaredLength) throws IOException {
    Socket socket = connect();
    socket
        .getOutputStream()
        .write(
            ("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + declaredLength
                    + "\r\n\r\n{\"video\":")
                .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  private static JsonNode jsonBody(String rawResponse) throws IOException {
    return Json.mapper().readTree(rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void twoHundredClientsTricklingHeadersNeitherStopHealthNorASubmitAndAreClosed() throws Exception {
    video("clip.mp4");
    // Warm up first (class loading, the client's first connection): what is timed is the server.
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}").statusCode()).isEqualTo(202);
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      connect();
    }
    AtomicInteger bytesSent = new AtomicInteger();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      trickle.scheduleAtFixedRate(
          () -> {
            int next = bytesSent.get();
            if (next >= ENDLESS_HEADERS.length) {
              return;
            }
            for (Socket socket : sockets) {
              try {
                socket.getOutputStream().write(ENDLESS_HEADERS[next]);
              } catch (IOException e) {
                // closed by the server: the point of the test
              }
            }
            bytesSent.incrementAndGet();
          },
          0,
          1,
          TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(5)).until(() -> bytesSent.get() >= 2);

      long start = System.nanoTime();
      HttpResponse<String> health = get("/health");
      Duration healthTook = Duration.ofNanos(System.nanoTime() - start);
      start = System.nanoTime();
      HttpResponse<String> submit = postJson("/api/v1/jobs", "{\"video\":\"clip.mp4\"}");
      Duration submitTook = Duration.ofNanos(System.nanoTime() - start);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(healthTook).isLessThan(Duration.ofSeconds(1));
      assertThat(submit.statusCode()).isEqualTo(202);
      assertThat(submitTook).isLessThan(Duration.ofSeconds(1));
      assertThat(sockets).noneMatch(SlowAndLargeClientsTest::closedByServer);

      // Read timeout 2 s: closed between 2 and 4 s after the first byte, while still trickling.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> sockets.stream().allMatch(SlowAndLargeClientsTest::closedByServer));
      assertThat(bytesSent.get()).isLessThan(ENDLESS_HEADERS.length);
    } finally {
      trickle.shutdownNow();
    }
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aConnectionThatSendsNothingIsLeftToTheIdleTimeout() throws IOException {
    restartWith(
        Map.of(
            "PRIVACYPAL_HTTP_READ_TIMEOUT_SECONDS",
            "1",
            "PRIVACYPAL_HTTP_IDLE_TIMEOUT_SECONDS",
            "3"));
    Socket quiet = connect();
    long start = System.nanoTime();

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> closedByServer(quiet));

    // Closed by the idle timeout (3 s), not by the header check (1 s), which waits for a first
    // byte.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2500));
  }

  @Test
  void aHeaderBlockOverTheLimitIs431InTheErrorShape() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/health"))
                .header("X-Padding", "a".repeat(JavalinServer.MAX_HEADER_BYTES + 1))
                .GET());

    assertThat(response.statusCode()).isEqualTo(431);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(json(response).get("status").asInt()).isEqualTo(431);
    assertThat(json(response).get("error").asText()).isNotBlank().doesNotContain("Exception");
  }

  @Test
  void aDeclaredBodyOverTheLimitIs413BeforeAnyOfItIsSent() throws IOException {
    video("clip.mp4");
    Socket socket = submitTheStartOfABodyOf(1_000_000_000);

    String response = readUntilClosed(socket);

    assertThat(response).startsWith("HTTP/1.1 413 ");
    assertThat(jsonBody(response).get("status").asInt()).isEqualTo(413);
    assertThat(jsonBody(response).get("error").asText()).contains("2048");
  }

  @Test
  void aBodyThatStopsArrivingIs408AfterTheReadTimeout() throws IOException {
    video("clip.mp4");
    Socket socket = submitTheStartOfABodyOf(100);
    long start = System.nanoTime();

    String response = readUntilClosed(socket);

    assertThat(response).startsWith("HTTP/1.1 408 ");
    assertThat(jsonBody(response).get("status").asInt()).isEqualTo(408);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
    assertThat(queuedMessages()).isEmpty();
  }

  @Test
  void aBodyTrickledInIs408SoonAfterTheReadTimeout() throws IOException {
    video("clip.mp4");
    Socket socket = submitTheStartOfABodyOf(1000);
    long start = System.nanoTime();
    socket.setSoTimeout(500);
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    // One body byte each half second, until the server answers (10 s at most).
    for (int i = 0; i < 20 && response.size() == 0; i++) {
      socket.getOutputStream().write(' ');
      try {
        response.write(socket.getInputStream().readNBytes(12));
      } catch (SocketTimeoutException e) {
        // no answer yet
      }
    }

    assertThat(response.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 408");
    // The whole body was due 2 s after its first read; the next byte's arrival notices it.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
  }
}
