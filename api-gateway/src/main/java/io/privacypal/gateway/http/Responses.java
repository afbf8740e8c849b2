package io.privacypal.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import io.privacypal.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes whole responses: JSON values, plain text, and the one error shape. */
public final class Responses {
  private Responses() {}

  public static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", Json.writeBytes(body));
  }

  public static void text(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  public static void error(HttpExchange exchange, int status, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    json(exchange, status, body);
  }

  public static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // HEAD and 204/304 carry no body; -1 tells HttpServer so.
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
