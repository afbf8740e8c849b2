package io.privacypal.app.cli;

import io.privacypal.app.local.AllInOneProcess;
import java.util.concurrent.CountDownLatch;

/** {@code privacypal local}: the whole system in one process, until Ctrl-C or SIGTERM. */
final class LocalCommand implements Command {
  private final WorkerWiring wiring;

  LocalCommand(WorkerWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public int run(CommandLine line) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    AllInOneProcess stack = AllInOneProcess.start(line.config(), wiring::detectors);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "privacypal-local-shutdown"));
    System.err.printf(
        "privacypal: serving http://127.0.0.1:%d/  (videos in %s; Ctrl-C stops)%n",
        stack.httpPort(),
        io.privacypal.common.config.StorageSettings.from(line.config()).videoDirectory());
    stopped.await();
    return 0;
  }
}
