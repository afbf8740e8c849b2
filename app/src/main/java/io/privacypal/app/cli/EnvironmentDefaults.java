package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option's default is its environment variable ({@code --http-port} reads
 * PRIVACYPAL_HTTP_PORT, {@code --aws-region} AWS_REGION), so a flag and its variable are one
 * setting, typed and checked the same way.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  Map<String, String> environment() {
    return environment;
  }

  static String variable(OptionSpec option) {
    return ConfigSource.variableFor(option.longestName());
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(variable(option));
    return value == null || value.isBlank() ? null : value.trim();
  }
}
