package io.privacypal.worker.queue.attempt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The jobs running on this worker, each with its heartbeat, so a stop can reach them all. */
final class RunningJobs {
  private final Map<JobRun, ScheduledFuture<?>> runs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService beats;
  private final Duration checkInterval;

  RunningJobs(Duration checkInterval) {
    this.checkInterval = checkInterval;
    this.beats =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "privacypal-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  void track(JobRun run, JobHeartbeat heartbeat) {
    long period = checkInterval.toMillis();
    runs.put(run, beats.scheduleAtFixedRate(heartbeat, period, period, TimeUnit.MILLISECONDS));
  }

  void untrack(JobRun run) {
    ScheduledFuture<?> beat = runs.remove(run);
    if (beat != null) {
      beat.cancel(false);
    }
  }

  List<String> jobIds() {
    return runs.keySet().stream().map(r -> r.jobId().value()).toList();
  }

  void stopAll(JobRun.Stop why, String reason) {
    runs.keySet().forEach(run -> run.stop(why, reason));
  }

  void shutdown() {
    beats.shutdownNow();
  }
}
