package io.privacypal.app.ops;

import com.sun.net.httpserver.HttpServer;
import io.privacypal.common.config.ConfigSource;
import io.privacypal.common.metrics.PrivacypalMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A worker's {@code GET /metrics} for Prometheus (workers have no other HTTP port). */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Where a worker's metrics listen: where the gateway does (PRIVACYPAL_HTTP_BIND); a worker has no
   * keys, so this machine only unless told.
   */
  public static String bindAddress(ConfigSource config) {
    return config.get("PRIVACYPAL_HTTP_BIND", "127.0.0.1");
  }

  public static MetricsServer start(PrivacypalMetrics metrics, String bindAddress, int port)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              "GET".equals(exchange.getRequestMethod())
                  ? metrics.scrape().getBytes(StandardCharsets.UTF_8)
                  : new byte[0];
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(
              "GET".equals(exchange.getRequestMethod()) ? 200 : 405,
              body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new MetricsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
