package io.privacypal.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The process's metrics, one registry per process, scraped by Prometheus from {@code /metrics}.
 * Names are the public contract operators build dashboards on; they are listed in the README.
 */
public final class PrivacypalMetrics {
  /** How a job's message ended on this worker. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    CANCELLED,
    RETRIED,
    MALFORMED
  }

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public void jobSubmitted() {
    Counter.builder("privacypal.jobs.submitted")
        .description("Jobs accepted by the gateway")
        .register(registry)
        .increment();
  }

  public void jobCancelled() {
    Counter.builder("privacypal.jobs.cancel.requests")
        .description("Cancels accepted by the gateway")
        .register(registry)
        .increment();
  }

  public void jobFinished(Outcome outcome) {
    Counter.builder("privacypal.jobs.finished")
        .description("Jobs a worker ended, by outcome (retried: sent back to the queue)")
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  /** A succeeded job's processing: duration, frames per second and detector calls. */
  public void jobProcessed(Duration processing, long frames, long detectorCalls) {
    Timer.builder("privacypal.job.duration")
        .description("Processing time of succeeded jobs")
        .publishPercentileHistogram()
        .register(registry)
        .record(processing);
    if (processing.toMillis() > 0) {
      DistributionSummary.builder("privacypal.job.frames.per.second")
          .description("Frames per second of succeeded jobs")
          .publishPercentileHistogram()
          .register(registry)
          .record(frames / (processing.toMillis() / 1000.0));
    }
    Counter.builder("privacypal.detector.calls")
        .description("Face detector calls (Rekognition: billed images)")
        .register(registry)
        .increment(detectorCalls);
  }

  /** A value read when scraped, e.g. busy slots or queue depth. */
  public void gauge(String name, String description, Supplier<Number> value, String... tags) {
    Gauge.builder(name, value).description(description).tags(tags).register(registry);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
