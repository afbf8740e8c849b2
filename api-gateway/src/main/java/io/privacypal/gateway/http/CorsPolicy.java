package io.privacypal.gateway.http;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * Lets browsers on the configured origins call the API ({@code *} allows any). Answers preflight
 * OPTIONS requests itself, and adds the allow-origin header to every answer for an allowed origin,
 * errors included, so a browser can read them. Runs before authentication: preflights carry no key.
 */
public final class CorsPolicy implements RequestFilter {
  static final String ALLOWED_HEADERS =
      "Authorization, X-Api-Key, Content-Type, Idempotency-Key, Range";
  static final String EXPOSED_HEADERS =
      "Location, Content-Range, Accept-Ranges, Idempotent-Replayed";

  private final List<String> origins;

  public CorsPolicy(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  @Override
  public boolean handled(Exchange exchange, Router router) throws IOException {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return false;
    }
    Exchange.ResponseHeaders headers = exchange.getResponseHeaders();
    headers.add("Vary", "Origin");
    boolean allowed = origins.contains("*") || origins.contains(origin);
    boolean preflight =
        exchange.getRequestMethod().equals("OPTIONS")
            && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null;
    if (!allowed) {
      if (preflight) {
        Responses.error(exchange, 403, "origin " + origin + " is not allowed");
        return true;
      }
      // Served, but without CORS headers the browser will not hand the answer to the page.
      return false;
    }
    headers.set("Access-Control-Allow-Origin", origin);
    if (!preflight) {
      headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      return false;
    }
    TreeSet<String> methods = router.methodsFor(exchange.rawPath());
    if (methods.isEmpty()) {
      return false; // unknown route: the router answers 404
    }
    headers.set("Access-Control-Allow-Methods", String.join(", ", methods));
    headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    headers.set("Access-Control-Max-Age", "600");
    Responses.send(exchange, 204, "text/plain", new byte[0]);
    return true;
  }
}
