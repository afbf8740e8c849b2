package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line: the command, its positional arguments, and settings from {@code
 * --name=value} flags layered over the environment.
 */
public record CommandLine(String command, List<String> arguments, ConfigSource config) {

  public static CommandLine parse(String[] args, Map<String, String> environment) {
    List<String> all = List.of(args);
    String command = all.isEmpty() ? "help" : all.get(0);
    List<String> rest = all.isEmpty() ? List.of() : all.subList(1, all.size());
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (arg.startsWith("--")) {
        boolean valueFollows =
            !arg.contains("=") && i + 1 < rest.size() && !rest.get(i + 1).startsWith("--");
        if (valueFollows) {
          i++;
        }
      } else {
        positional.add(arg);
      }
    }
    return new CommandLine(command, List.copyOf(positional), ConfigSource.of(environment, rest));
  }

  public boolean flag(String name) {
    return config.getBoolean(name, false);
  }
}
