package io.privacypal.gateway;

import io.privacypal.common.metrics.PrivacypalMetrics;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.common.video.VideoStore;
import io.privacypal.gateway.clients.Client;
import io.privacypal.gateway.http.ApiKeyAuthentication;
import io.privacypal.gateway.http.CorsPolicy;
import io.privacypal.gateway.http.JavalinServer;
import io.privacypal.gateway.http.RequestFilter;
import io.privacypal.gateway.http.Responses;
import io.privacypal.gateway.http.Route;
import io.privacypal.gateway.http.Router;
import io.privacypal.gateway.jobs.IdempotencyIndex;
import io.privacypal.gateway.jobs.JobListing;
import io.privacypal.gateway.jobs.JobRoutes;
import io.privacypal.gateway.jobs.JobService;
import io.privacypal.gateway.jobs.OutputDownload;
import io.privacypal.gateway.legacy.LegacyRoutes;
import io.privacypal.gateway.ops.OpenApiDocument;
import io.privacypal.gateway.ops.ReadinessCheck;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API on Javalin (Jetty), its handlers on a fixed pool of threads. */
public final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  /** Without keys every caller is the one operator, who sees every job. */
  private static final RequestFilter OPEN_ACCESS =
      (exchange, router) -> {
        exchange.setAttribute(Client.ATTRIBUTE, Client.OPERATOR);
        return false;
      };

  private final GatewaySettings settings;
  private final Router router;
  private JavalinServer server;

  public GatewayServer(
      GatewaySettings settings,
      JobStatusStore statuses,
      VideoStore videos,
      JobQueue queue,
      Clock clock) {
    this(settings, statuses, videos, queue, clock, new PrivacypalMetrics());
  }

  /** With the process's metrics registry, served at {@code /metrics}. */
  public GatewayServer(
      GatewaySettings settings,
      JobStatusStore statuses,
      VideoStore videos,
      JobQueue queue,
      Clock clock,
      PrivacypalMetrics metrics) {
    this.settings = settings;
    this.router = new Router(settings.maxBodyBytes());
    JobService jobs =
        new JobService(statuses, videos, queue, clock, new IdempotencyIndex(statuses), metrics);
    new JobRoutes(jobs, new JobListing(statuses), new OutputDownload(jobs, videos))
        .register(router);
    new LegacyRoutes(jobs).register(router);
    router.add("GET", "/ready", new ReadinessCheck(queue, statuses)::handle);
    router.add("GET", "/openapi.json", new OpenApiDocument()::handle);
    router.add(
        "GET",
        "/metrics",
        request ->
            Responses.send(
                request.exchange(),
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    // CORS first: preflights carry no key, and 401s need the CORS headers to reach the page.
    if (!settings.corsOrigins().isEmpty()) {
      router.filter(new CorsPolicy(settings.corsOrigins()));
    }
    // Probes (load balancer, orchestrator) carry no key; neither answer reveals any job.
    if (settings.authenticationRequired()) {
      router.filter(new ApiKeyAuthentication(settings.clients(), Set.of("/health", "/ready")));
    } else {
      router.filter(OPEN_ACCESS);
    }
  }

  public synchronized GatewayServer start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    server =
        JavalinServer.start(
            router,
            settings.bindAddress(),
            settings.port(),
            settings.threads(),
            settings.timeouts());
    log.info("gateway listening on {}:{} ({})", settings.bindAddress(), port(), settings);
    if (!settings.authenticationRequired()) {
      log.warn(
          "no API keys configured: whoever reaches {}:{} can submit, read and cancel every job{}",
          settings.bindAddress(),
          port(),
          settings.bindAddress().equals(GatewaySettings.LOOPBACK)
              ? " (this machine only; set PRIVACYPAL_API_KEYS and PRIVACYPAL_HTTP_BIND to serve others)"
              : "");
    }
    return this;
  }

  /** The port actually bound (the free one chosen when the settings said 0). */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.port();
  }

  public List<Route> routes() {
    return router.routes();
  }

  /** Lets running requests finish (up to five seconds), then closes the listener. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } finally {
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
