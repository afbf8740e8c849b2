package io.privacypal.gateway.http;

import io.privacypal.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes whole responses: JSON values, plain text, and the one error shape. */
public final class Responses {
  private Responses() {}

  public static void json(Exchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", Json.writeBytes(body));
  }

  public static void text(Exchange exchange, int status, String body) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  public static void error(Exchange exchange, int status, String message) throws IOException {
    json(exchange, status, errorBody(status, message));
  }

  /** The body of every error: {@code {"error": message, "status": status}}. */
  public static Map<String, Object> errorBody(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    return body;
  }

  public static void send(Exchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // HEAD and 204/304 carry no body; -1 says so.
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
