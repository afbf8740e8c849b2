package io.privacypal.gateway.http;

import java.io.IOException;

/** Serves one route; throws {@link ApiException} for the errors a client can fix. */
@FunctionalInterface
public interface RouteHandler {
  void handle(Request request) throws IOException;
}
