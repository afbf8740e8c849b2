package io.privacypal.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Requires {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>} on every route but the
 * open ones. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every
 * key each time, so timing tells nothing about which bytes matched. Keys are never logged.
 */
public final class ApiKeyAuthentication implements RequestFilter {
  private final List<byte[]> keyDigests;
  private final Set<String> openPaths;

  public ApiKeyAuthentication(List<String> apiKeys, Set<String> openPaths) {
    this.keyDigests = apiKeys.stream().map(ApiKeyAuthentication::digest).toList();
    this.openPaths = Set.copyOf(openPaths);
  }

  @Override
  public boolean handled(Exchange exchange, Router router) throws IOException {
    if (openPaths.contains(exchange.rawPath())) {
      return false;
    }
    String given = presentedKey(exchange);
    if (given != null && matches(given)) {
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

  private boolean matches(String given) {
    byte[] candidate = digest(given);
    boolean found = false;
    for (byte[] key : keyDigests) {
      // No early exit: every key is compared on every request.
      found |= MessageDigest.isEqual(candidate, key);
    }
    return found;
  }

  private static String presentedKey(Exchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    String header = exchange.getRequestHeaders().getFirst("X-Api-Key");
    return header == null ? null : header.trim();
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
