package io.privacypal.gateway.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A request body that must arrive whole within the read timeout of its first read. Jetty's read
 * timeout only notices a read that waits that long; a body trickled in a byte at a time would hold
 * its handler thread for as long as the client liked.
 */
final class BodyDeadline extends FilterInputStream {
  private final Duration timeout;
  private long deadline;
  private boolean started;

  BodyDeadline(InputStream body, Duration timeout) {
    super(body);
    this.timeout = timeout;
  }

  @Override
  public int read() throws IOException {
    start();
    int b = super.read();
    if (b >= 0) {
      check();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    start();
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      check();
    }
    return n;
  }

  private void start() {
    if (!started) {
      started = true;
      deadline = System.nanoTime() + timeout.toNanos();
    }
  }

  private void check() {
    if (System.nanoTime() - deadline > 0) {
      throw new ApiException(408, "the request body did not arrive in time");
    }
  }
}
