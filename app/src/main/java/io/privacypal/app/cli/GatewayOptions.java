package io.privacypal.app.cli;

import io.privacypal.gateway.GatewaySettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the HTTP API is served (GatewaySettings). The keys themselves have no flag, only
 * PRIVACYPAL_API_KEYS or a file: a command line is visible to every user of the machine (ps).
 */
final class GatewayOptions {
  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "0 takes any free port (default " + GatewaySettings.DEFAULT_PORT + ")")
  Integer httpPort;

  @Option(
      names = "--http-bind",
      paramLabel = "ADDRESS",
      description =
          "address to listen on (default 127.0.0.1; 0.0.0.0 for other machines, with API keys)")
  String httpBind;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "BYTES",
      description =
          "larger requests get 413 (default " + GatewaySettings.DEFAULT_MAX_BODY_BYTES + ")")
  Integer maxBodyBytes;

  @Option(
      names = "--http-threads",
      paramLabel = "N",
      description = "handler threads (default " + GatewaySettings.DEFAULT_THREADS + ")")
  Integer httpThreads;

  @Option(
      names = "--http-read-timeout-seconds",
      paramLabel = "SECONDS",
      description =
          "headers, a body, or a stalled read or write must finish within it (default 10)")
  Integer httpReadTimeoutSeconds;

  @Option(
      names = "--http-idle-timeout-seconds",
      paramLabel = "SECONDS",
      description = "a kept-alive connection with no request is closed after it (default 30)")
  Integer httpIdleTimeoutSeconds;

  @Option(
      names = "--cors-origins",
      paramLabel = "ORIGINS",
      description = "allowed browser origins, comma separated (default none)")
  String corsOrigins;

  @Option(
      names = "--api-keys-file",
      paramLabel = "FILE",
      description = "API keys, one a line; with keys every route but /health and /ready needs one")
  Path apiKeysFile;
}
