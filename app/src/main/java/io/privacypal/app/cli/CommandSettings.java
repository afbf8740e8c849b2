package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings a command runs with: the environment, overlaid with the value of each of its options
 * under the option's variable. The *Settings records read them from there, so their defaults and
 * checks stay in one place.
 */
final class CommandSettings {
  private CommandSettings() {}

  static ConfigSource of(CommandSpec command) {
    EnvironmentDefaults defaults = (EnvironmentDefaults) command.defaultValueProvider();
    Map<String, String> values = new HashMap<>(defaults.environment());
    for (OptionSpec option : command.options()) {
      Object value = option.getValue();
      if (value != null && !option.usageHelp() && !option.versionHelp()) {
        values.put(EnvironmentDefaults.variable(option), String.valueOf(value));
      }
    }
    return ConfigSource.of(values);
  }
}
