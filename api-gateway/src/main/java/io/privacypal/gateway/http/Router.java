package io.privacypal.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.privacypal.common.job.InvalidJobOptionsException;
import io.privacypal.common.status.JobNotFoundException;
import io.privacypal.common.video.InvalidVideoNameException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Dispatches every request to its route, and turns every failure into the one JSON error shape: a
 * client never sees a stack trace, and an unforeseen exception is logged once and answered 500.
 */
public final class Router {
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  private final List<Route> routes = new ArrayList<>();
  private final List<RequestFilter> filters = new ArrayList<>();
  private final int maxBodyBytes;

  public Router(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public Router add(String method, String template, RouteHandler handler) {
    routes.add(new Route(method, template, handler));
    return this;
  }

  /** Filters run in order before routing; one that answers the request ends it. */
  public Router filter(RequestFilter filter) {
    filters.add(filter);
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Answers every request; rethrows only an {@link Error} (answered first) or a failed write. */
  public void handle(Exchange exchange) throws IOException {
    try {
      for (RequestFilter filter : filters) {
        if (filter.handled(exchange, this)) {
          return;
        }
      }
      dispatch(exchange);
    } catch (ApiException e) {
      answerError(exchange, e.status(), e.getMessage());
    } catch (InvalidVideoNameException | InvalidJobOptionsException e) {
      answerError(exchange, 400, e.getMessage());
    } catch (JsonProcessingException e) {
      answerError(exchange, 400, "malformed JSON: " + e.getOriginalMessage());
    } catch (JobNotFoundException e) {
      answerError(exchange, 404, e.getMessage());
    } catch (SdkException e) {
      log.warn("job queue unavailable: {}", e.toString());
      answerError(exchange, 503, "the job queue is unavailable; try again later");
    } catch (IOException e) {
      if (exchange.getResponseCode() != -1) {
        // Mid-response: the client went away or stopped reading past the read timeout.
        log.debug(
            "response to {} {} cut short: {}",
            exchange.getRequestMethod(),
            exchange.rawPath(),
            e.toString());
        return;
      }
      log.error("unexpected failure on {} {}", exchange.getRequestMethod(), exchange.rawPath(), e);
      answerError(exchange, 500, "internal error; see the gateway log");
    } catch (RuntimeException e) {
      log.error("unexpected failure on {} {}", exchange.getRequestMethod(), exchange.rawPath(), e);
      answerError(exchange, 500, "internal error; see the gateway log");
    } catch (Error e) {
      // A broken class path or an assertion: still answer, or the client sees a dropped connection.
      log.error("fatal failure on {} {}", exchange.getRequestMethod(), exchange.rawPath(), e);
      answerError(exchange, 500, "internal error; see the gateway log");
      throw e;
    } finally {
      MDC.remove("jobId");
    }
  }

  /** The methods registered for a path, for 405's Allow header and CORS preflights. */
  public TreeSet<String> methodsFor(String path) {
    TreeSet<String> methods = new TreeSet<>();
    for (Route route : routes) {
      if (route.match(path).isPresent()) {
        methods.add(route.method());
      }
    }
    return methods;
  }

  private void dispatch(Exchange exchange) throws IOException {
    String path = exchange.rawPath();
    String method = exchange.getRequestMethod();
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(path);
      if (params.isEmpty()) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        route.handler().handle(new Request(exchange, params.get(), maxBodyBytes));
        return;
      }
    }
    if (!pathKnown) {
      throw ApiException.notFound("no route for " + path);
    }
    exchange.getResponseHeaders().set("Allow", String.join(", ", methodsFor(path)));
    throw new ApiException(405, "method " + method + " is not allowed on " + path);
  }

  private static void answerError(Exchange exchange, int status, String message)
      throws IOException {
    if (exchange.getResponseCode() != -1) {
      // Headers are out already (a failure mid-stream): all we can do is cut the connection.
      log.warn("failure after the response started; closing: {}", message);
      return;
    }
    Responses.error(exchange, status, message);
  }
}
