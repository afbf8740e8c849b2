package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The launcher as a test drives it: parsed only, or run with its output captured. */
final class Launch {
  private Launch() {}

  record Outcome(int status, String out, String err) {}

  static Outcome run(Map<String, String> environment, String... args) {
    CommandLine line = Main.commandLine(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int status = line.execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }

  static Outcome run(String... args) {
    return run(Map.of(), args);
  }

  /** The command the arguments name, parsed and not run. */
  static <T> T command(Map<String, String> environment, String... args) {
    return cast(deepest(Main.commandLine(environment).parseArgs(args)).userObject());
  }

  /** The settings the arguments give the command they name, over {@code environment}. */
  static ConfigSource settings(Map<String, String> environment, String... args) {
    return CommandSettings.of(deepest(Main.commandLine(environment).parseArgs(args)));
  }

  static ConfigSource settings(String... args) {
    return settings(Map.of(), args);
  }

  /** Every command and subcommand, with the words that name it ({@code dlq list}). */
  static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    collect(Main.commandLine(Map.of()), List.of(), paths);
    return paths;
  }

  /** Arguments a command needs besides options: its required positional parameters. */
  static List<String> requiredArguments(List<String> path) {
    return switch (String.join(" ", path)) {
      case "process" -> List.of("in.mp4", "out.mp4");
      case "enqueue" -> List.of("clip.mp4");
      default -> List.of();
    };
  }

  static CommandSpec spec(List<String> path) {
    CommandLine line = Main.commandLine(Map.of());
    for (String name : path) {
      line = line.getSubcommands().get(name);
    }
    return line.getCommandSpec();
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> paths) {
    line.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help")) {
                return;
              }
              List<String> subPath = new ArrayList<>(path);
              subPath.add(name);
              paths.add(List.copyOf(subPath));
              collect(sub, subPath, paths);
            });
  }

  private static CommandSpec deepest(ParseResult parsed) {
    ParseResult result = parsed;
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
