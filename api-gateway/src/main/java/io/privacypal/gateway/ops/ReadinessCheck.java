package io.privacypal.gateway.ops;

import io.privacypal.common.job.JobId;
import io.privacypal.common.queue.JobQueue;
import io.privacypal.common.status.JobStatusStore;
import io.privacypal.gateway.http.Request;
import io.privacypal.gateway.http.Responses;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ready}: 200 when the job queue answers and the status store can be read, else 503
 * naming the part that failed. {@code /health} only says the process is up; this says it can work.
 */
public final class ReadinessCheck {
  private static final Logger log = LoggerFactory.getLogger(ReadinessCheck.class);
  // A read of one id that never exists: cheap on every store, unlike listing them.
  private static final JobId PROBE = JobId.of("readiness-probe");

  private final JobQueue queue;
  private final JobStatusStore statuses;

  public ReadinessCheck(JobQueue queue, JobStatusStore statuses) {
    this.queue = queue;
    this.statuses = statuses;
  }

  public void handle(Request request) throws IOException {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("queue", check("queue", queue::ping));
    checks.put("statusStore", check("status store", () -> statuses.find(PROBE)));
    boolean ready = checks.values().stream().allMatch("ok"::equals);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "ready" : "not ready");
    body.put("checks", checks);
    Responses.json(request.exchange(), ready ? 200 : 503, body);
  }

  private static String check(String what, Runnable probe) {
    try {
      probe.run();
      return "ok";
    } catch (RuntimeException e) {
      log.warn("readiness: the {} is not available: {}", what, e.toString());
      // The class name is enough for a probe; the message may hold URLs or account ids.
      return "unavailable (" + e.getClass().getSimpleName() + ")";
    }
  }
}
