package io.privacypal.app.cli;

import io.privacypal.app.local.AllInOneProcess;
import io.privacypal.gateway.GatewaySettings;
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
    GatewaySettings http = GatewaySettings.from(line.config());
    System.err.printf(
        "privacypal: serving http://%s:%d/  (videos in %s; Ctrl-C stops)%n",
        http.bindAddress(),
        stack.httpPort(),
        io.privacypal.common.config.DirectoryStorageSettings.from(line.config()).videoDirectory());
    if (!http.authenticationRequired()) {
      System.err.printf(
          "privacypal: no API keys, so %s; set PRIVACYPAL_API_KEYS=name:key,... (and"
              + " PRIVACYPAL_HTTP_BIND=0.0.0.0) to serve other machines%n",
          http.bindAddress().equals(GatewaySettings.LOOPBACK)
              ? "only this machine can reach it"
              : "anyone who reaches " + http.bindAddress() + " can use every job");
    }
    stopped.await();
    return 0;
  }
}
