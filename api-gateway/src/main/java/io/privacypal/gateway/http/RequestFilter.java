package io.privacypal.gateway.http;

import java.io.IOException;

/** Runs before routing (authentication, CORS); returns true when it has answered the request. */
@FunctionalInterface
public interface RequestFilter {
  boolean handled(Exchange exchange, Router router) throws IOException;
}
