package io.privacypal.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments a benchmark's own {@code main} takes: a work directory, then {@code --name=value}s.
 */
final class ForwardedArguments {
  private final List<String> args = new ArrayList<>();

  ForwardedArguments(Path workDirectory) {
    if (workDirectory != null) {
      args.add(workDirectory.toString());
    }
  }

  /** Adds {@code flag=value} when the option was given. */
  ForwardedArguments with(String flag, Object value) {
    if (value != null) {
      args.add(flag + "=" + value);
    }
    return this;
  }

  /** Adds {@code flag} when the switch is on. */
  ForwardedArguments withSwitch(String flag, boolean on) {
    if (on) {
      args.add(flag);
    }
    return this;
  }

  List<String> list() {
    return List.copyOf(args);
  }
}
