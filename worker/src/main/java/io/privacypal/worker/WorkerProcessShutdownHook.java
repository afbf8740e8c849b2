package io.privacypal.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes SIGTERM (and Ctrl-C) a graceful stop: the JVM runs this hook, which closes the worker
 * (running jobs finish or go back to the queue) and then ends the process with status 0, since a
 * stop on request is a clean exit, not the JVM's default 143.
 *
 * <p>The status is forced to 0 only when the hook itself stopped the worker. A main that exits with
 * an error closes its worker first, and its status stands.
 */
public final class WorkerProcessShutdownHook {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcessShutdownHook.class);

  private WorkerProcessShutdownHook() {}

  /** Registers the hook and returns it (a caller that closes the worker itself may remove it). */
  public static Thread install(WorkerProcess worker) {
    Thread hook = new Thread(() -> stop(worker), "privacypal-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void stop(WorkerProcess worker) {
    if (worker.isStopped()) {
      return;
    }
    log.info("stop requested: stopping the worker gracefully");
    worker.close();
    log.info("worker stopped; exiting");
    Runtime.getRuntime().halt(0);
  }
}
