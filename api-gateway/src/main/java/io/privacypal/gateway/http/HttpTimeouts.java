package io.privacypal.gateway.http;

import java.time.Duration;

/**
 * How long the server waits on a client.
 *
 * @param read a request's line and headers must arrive within about this long once they begin (at
 *     most twice it), and a body read or a response write that makes no progress for this long ends
 *     the request
 * @param idle a kept-alive connection with no request in progress is closed after this long
 */
public record HttpTimeouts(Duration read, Duration idle) {
  public static final HttpTimeouts DEFAULTS =
      new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

  public HttpTimeouts {
    if (read == null
        || read.isNegative()
        || read.isZero()
        || idle == null
        || idle.isNegative()
        || idle.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
