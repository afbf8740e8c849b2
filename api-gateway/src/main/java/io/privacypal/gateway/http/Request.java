package io.privacypal.gateway.http;

import io.privacypal.gateway.clients.Client;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** One request as a handler sees it: path parameters, decoded query, and a size-limited body. */
public final class Request {
  private final Exchange exchange;
  private final Map<String, String> pathParams;
  private final int maxBodyBytes;
  private Map<String, String> query;

  Request(Exchange exchange, Map<String, String> pathParams, int maxBodyBytes) {
    this.exchange = exchange;
    this.pathParams = Map.copyOf(pathParams);
    this.maxBodyBytes = maxBodyBytes;
  }

  public Exchange exchange() {
    return exchange;
  }

  /**
   * The client that sent the request: the one its API key names, or {@link Client#OPERATOR} when
   * the gateway has no keys. Never guessed: a route that authentication let through without a key
   * (the probes) has no client, and asking for one is a bug.
   */
  public Client client() {
    Object client = exchange.getAttribute(Client.ATTRIBUTE);
    if (!(client instanceof Client known)) {
      throw new IllegalStateException("no client on an unauthenticated route");
    }
    return known;
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  /** A query parameter, percent-decoded once (so {@code %2e%2e%2f} arrives as {@code ../}). */
  public Optional<String> query(String name) {
    if (query == null) {
      query = parseQuery(exchange.rawQuery());
    }
    return Optional.ofNullable(query.get(name));
  }

  public String requiredQuery(String name) {
    return query(name)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> ApiException.badRequest("query parameter '" + name + "' is required"));
  }

  /** Refuses anything but {@code application/json} (any charset parameter is accepted). */
  public void requireJson() {
    String type = header("Content-Type").orElse("");
    int semicolon = type.indexOf(';');
    String mediaType = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
    if (!mediaType.toLowerCase(Locale.ROOT).equals("application/json")) {
      throw new ApiException(
          415,
          "Content-Type must be application/json, got "
              + (type.isBlank() ? "none" : "'" + type + "'"));
    }
  }

  /** The body, read no further than the limit: a larger one gets 413 without being read whole. */
  public byte[] body() throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Content-Length is not a number");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > maxBodyBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (e.getCause() instanceof TimeoutException) {
        // The read timeout: a body that stopped arriving must not hold this thread.
        throw new ApiException(408, "the request body did not arrive in time");
      }
      throw e;
    }
    return out.toByteArray();
  }

  public String bodyText() throws IOException {
    return new String(body(), StandardCharsets.UTF_8);
  }

  private ApiException tooLarge() {
    return new ApiException(413, "request body is larger than " + maxBodyBytes + " bytes");
  }

  static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq >= 0 ? pair.substring(0, eq) : pair;
      String value = eq >= 0 ? pair.substring(eq + 1) : "";
      try {
        params.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("malformed query string");
      }
    }
    return params;
  }
}
