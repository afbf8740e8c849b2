package io.privacypal.app.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.net.URL;
import java.util.Locale;

/**
 * Chooses the log format inside the process from PRIVACYPAL_LOG_FORMAT ({@code text} or {@code
 * json}), so that it works however the JVM was started: container images run {@code java} directly,
 * without the launcher. Found by logback through the service loader, ahead of its own defaults; an
 * explicit {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogFormatConfigurator extends ContextAwareBase implements Configurator {
  static final String SETTING = "PRIVACYPAL_LOG_FORMAT";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = LogFormatConfigurator.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String format = System.getenv().getOrDefault(SETTING, "text").trim().toLowerCase(Locale.ROOT);
    boolean json = format.equals("json");
    URL file = loader.getResource(json ? "logback-json.xml" : "logback.xml");
    if (file == null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(file);
    } catch (JoranException e) {
      addError("could not read " + file, e);
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    if (!json && !format.equals("text") && !format.isEmpty()) {
      context
          .getLogger(LogFormatConfigurator.class)
          .warn("{} must be text or json, got '{}': logging as text", SETTING, format);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
