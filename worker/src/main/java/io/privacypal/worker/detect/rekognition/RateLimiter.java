package io.privacypal.worker.detect.rekognition;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket holding one token, refilled at a fixed rate: callers are spaced at least {@code
 * 1/rate} apart, with no burst, so a process never goes over the account's DetectFaces quota even
 * right after start-up. Thread-safe; waiting callers block (interruptibly) instead of failing.
 */
final class RateLimiter {
  private final long intervalNanos;
  private long nextFreeNanos = System.nanoTime();

  RateLimiter(double permitsPerSecond) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + permitsPerSecond);
    }
    this.intervalNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond));
  }

  /** Waits for this caller's turn. */
  void acquire() throws InterruptedException {
    long waitNanos = reserve(System.nanoTime());
    if (waitNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(waitNanos);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** Books the next free slot; returns how long the caller has to wait for it. */
  private synchronized long reserve(long now) {
    // nanoTime values are compared by difference: they may wrap.
    long slot = nextFreeNanos - now > 0 ? nextFreeNanos : now;
    nextFreeNanos = slot + intervalNanos;
    return slot - now;
  }
}
