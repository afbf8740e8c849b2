package io.privacypal.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Runs before routing (authentication, CORS); returns true when it has answered the request. */
@FunctionalInterface
public interface RequestFilter {
  boolean handled(HttpExchange exchange, Router router) throws IOException;
}
