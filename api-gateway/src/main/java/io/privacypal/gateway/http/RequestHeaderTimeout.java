package io.privacypal.gateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers are still incomplete a timeout after they
 * began to arrive. Jetty's idle timeout only notices silence: a client that sends one header byte a
 * second is never idle and would keep its connection, and a file descriptor, for as long as it
 * likes. A connection that has sent nothing of its next request is left to the idle timeout.
 *
 * <p>Each connection waiting for a request is looked at once per timeout; one that had received
 * bytes of an unfinished request at the previous look is closed. So headers get at least one
 * timeout after their first byte, and at most two.
 */
final class RequestHeaderTimeout implements Connection.Listener, HttpChannel.Listener {
  private static final Logger log = LoggerFactory.getLogger(RequestHeaderTimeout.class);

  private final long timeoutMillis;
  private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();

  RequestHeaderTimeout(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      Watch watch = new Watch(http);
      watches.put(connection, watch);
      watch.awaitRequest();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Watch watch = watches.remove(connection);
    if (watch != null) {
      watch.stop();
    }
  }

  /** Called once the request's headers are complete. */
  @Override
  public void onRequestBegin(Request request) {
    Watch watch = watches.get(request.getHttpChannel().getConnection());
    if (watch != null) {
      watch.stop();
    }
  }

  /** The response is done; a kept-alive connection now waits for its next request. */
  @Override
  public void onComplete(Request request) {
    Watch watch = watches.get(request.getHttpChannel().getConnection());
    if (watch != null) {
      watch.awaitRequest();
    }
  }

  private final class Watch implements Runnable {
    private final HttpConnection connection;
    private final Scheduler scheduler;
    private Scheduler.Task next;
    private long bytesAtLastLook;
    private boolean requestBegun;

    Watch(HttpConnection connection) {
      this.connection = connection;
      this.scheduler = connection.getConnector().getScheduler();
    }

    synchronized void awaitRequest() {
      stop();
      bytesAtLastLook = connection.getBytesIn();
      requestBegun = false;
      next = scheduler.schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
      if (next != null) {
        next.cancel();
        next = null;
      }
    }

    @Override
    public synchronized void run() {
      if (next == null) {
        return; // the headers arrived while this look was due
      }
      if (requestBegun) {
        log.debug(
            "closing {}: its request headers took longer than {} ms", connection, timeoutMillis);
        next = null;
        connection.getEndPoint().close();
        return;
      }
      long bytes = connection.getBytesIn();
      requestBegun = bytes != bytesAtLastLook;
      bytesAtLastLook = bytes;
      next = scheduler.schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }
}
