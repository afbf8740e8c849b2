package io.privacypal.app.cli;

import io.privacypal.app.local.AllInOneProcess;
import java.util.concurrent.CountDownLatch;

/** {@code privacypal local}: the whole system in one process, until Ctrl-C or SIGTERM. */
final class LocalCommand implements Command {
  private final DetectorFactory detectorFactory;

  LocalCommand(DetectorFactory detectorFactory) {
    this.detectorFactory = detectorFactory;
  }

  @Override
  public int run(CommandLine line) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    AllInOneProcess stack = AllInOneProcess.start(line.config(), detectorFactory::detectors);
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
        io.privacypal.common.config.DirectoryStorageSettings.from(line.config()).videoDirectory());
    stopped.await();
    return 0;
  }
}
