package io.privacypal.gateway.http;

import io.privacypal.gateway.clients.ApiKeys;
import io.privacypal.gateway.clients.Client;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Requires {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>} on every route but the
 * open ones, and leaves the client the key names on the exchange ({@link Client#ATTRIBUTE}) for the
 * handlers. Keys are compared by {@link ApiKeys} in constant time and never logged.
 */
public final class ApiKeyAuthentication implements RequestFilter {
  private final ApiKeys keys;
  private final Set<String> openPaths;

  public ApiKeyAuthentication(ApiKeys keys, Set<String> openPaths) {
    this.keys = keys;
    this.openPaths = Set.copyOf(openPaths);
  }

  @Override
  public boolean handled(Exchange exchange, Router router) throws IOException {
    if (openPaths.contains(exchange.rawPath())) {
      return false;
    }
    String given = presentedKey(exchange);
    Optional<Client> client = given == null ? Optional.empty() : keys.find(given);
    if (client.isPresent()) {
      exchange.setAttribute(Client.ATTRIBUTE, client.get());
      return false;
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    Responses.error(
        exchange,
        401,
        given == null
            ? "an API key is required: send Authorization: Bearer <key> or X-Api-Key"
            : "the API key is not valid");
    return true;
  }

  private static String presentedKey(Exchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    String header = exchange.getRequestHeaders().getFirst("X-Api-Key");
    return header == null ? null : header.trim();
  }
}
