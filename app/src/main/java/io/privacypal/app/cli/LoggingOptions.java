package io.privacypal.app.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Read by logback when it starts, so they are applied before anything logs: the level as the
 * property logback.xml reads, the format by choosing the configuration file (which
 * LogFormatConfigurator leaves alone; it warns of a value other than text or json).
 */
final class LoggingOptions {
  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description = "TRACE, DEBUG, INFO (default), WARN or ERROR")
  String logLevel;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "text (default) or json: one JSON object per line, each with the jobId")
  String logFormat;

  void apply() {
    if (logLevel != null) {
      System.setProperty("PRIVACYPAL_LOG_LEVEL", logLevel.toUpperCase(Locale.ROOT));
    }
    if (logFormat != null) {
      switch (logFormat.toLowerCase(Locale.ROOT)) {
        case "json" -> System.setProperty("logback.configurationFile", "logback-json.xml");
        case "text" -> System.setProperty("logback.configurationFile", "logback.xml");
        default -> {} // LogFormatConfigurator logs text and says why
      }
    }
  }
}
