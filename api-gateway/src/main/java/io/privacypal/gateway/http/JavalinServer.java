package io.privacypal.gateway.http;

import io.javalin.Javalin;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Router} with Javalin on Jetty, with limits for clients that are slow or large on
 * purpose. Jetty reads request headers without holding a thread, so a client trickling its headers
 * costs a connection, not a handler; {@link RequestHeaderTimeout} closes it. The read timeout ends
 * a body or a response that stalls, {@link BodyDeadline} a body that trickles, and the idle timeout
 * closes kept-alive connections.
 *
 * <p>Every request, whatever its method and path, goes to the router: its routes, 404s, 405s with
 * {@code Allow}, filters and error bodies are the API's contract, and Javalin's own routing answers
 * some of those differently (a HEAD for any GET route, trailing slashes, method overrides).
 */
public final class JavalinServer {
  private static final Logger log = LoggerFactory.getLogger(JavalinServer.class);
  private static final int WARM_UP_MILLIS = 2000;

  /** Request line plus headers; a larger block is answered 431. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  private static final int ACCEPTORS = 1;
  private static final int SELECTORS = 2;

  /** Connections the kernel may hold for the acceptor: a burst beyond it waits for SYN retries. */
  private static final int ACCEPT_QUEUE = 1024;

  private static final long STOP_GRACE_MILLIS = 5_000;

  private final Javalin app;

  private JavalinServer(Javalin app) {
    this.app = app;
  }

  /**
   * @param handlerThreads threads that run handlers; Jetty's acceptor and selectors come on top, so
   *     that many requests are always served at once
   */
  public static JavalinServer start(
      Router router, String host, int port, int handlerThreads, HttpTimeouts timeouts) {
    QueuedThreadPool threads = new QueuedThreadPool(handlerThreads + ACCEPTORS + SELECTORS);
    threads.setMinThreads(threads.getMaxThreads());
    threads.setName("gateway-http");
    threads.setDaemon(true);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.jetty.threadPool = threads;
              config.jetty.modifyHttpConfiguration(http -> limit(http, timeouts));
              config.jetty.addConnector(
                  (server, http) -> connector(server, http, host, port, timeouts));
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new JsonErrorHandler());
                    server.setStopTimeout(STOP_GRACE_MILLIS);
                  });
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new JsonErrorHandler()));
              config.router.mount(
                  routes ->
                      routes.before(
                          context -> {
                            router.handle(new Exchange(context, timeouts.read()));
                            context.skipRemainingHandlers();
                          }));
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      // Javalin has stopped its server already.
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port, new IOException(e.getMessage(), e));
    }
    warmUp(host, app.port());
    return new JavalinServer(app);
  }

  /**
   * Sends the server one request of its own before anyone else's: Javalin sets up its servlet's
   * configuration lazily, without a lock, on the first request, and two first requests at once
   * failed one of them with a 500 (a NullPointerException in JavalinServlet).
   */
  private static void warmUp(String host, int port) {
    String target =
        host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")
            ? "127.0.0.1"
            : host;
    try (Socket socket = new Socket(target, port)) {
      socket.setSoTimeout(WARM_UP_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.getInputStream().readAllBytes();
    } catch (IOException e) {
      log.debug("warming the server up failed: {}", e.toString());
    }
  }

  private static void limit(HttpConfiguration http, HttpTimeouts timeouts) {
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    // While a request is handled, a blocking read or write may stall this long (not the idle time).
    http.setIdleTimeout(timeouts.read().toMillis());
  }

  private static ServerConnector connector(
      Server server, HttpConfiguration http, String host, int port, HttpTimeouts timeouts) {
    ServerConnector connector =
        new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(timeouts.idle().toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    connector.addBean(new RequestHeaderTimeout(timeouts.read()));
    connector.addBean(new ShutdownIdleTimeout());
    return connector;
  }

  /** The port actually bound (the free one chosen when 0 was asked for). */
  public int port() {
    return app.port();
  }

  /** Lets running requests finish (up to five seconds), then closes the listener. */
  public void stop() {
    try {
      app.stop();
    } catch (JavalinException e) {
      if (!(e.getCause() instanceof TimeoutException)) {
        throw e;
      }
      // Jetty has stopped all the same; what was still running was cut off.
      log.warn("requests still running {} ms after the stop began were cut off", STOP_GRACE_MILLIS);
    }
  }
}
