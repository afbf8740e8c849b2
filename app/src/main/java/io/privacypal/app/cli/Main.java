package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * The launcher's entry point: {@code privacypal COMMAND [ARGS] [--setting=value...]}. Exit status 0
 * done, 1 failed, 2 usage or settings wrong. Nothing here logs before the logging options are
 * applied: logback reads them when it starts.
 */
public final class Main {
  static final String SETTINGS_FOOTER =
      "Every option is also an environment variable: --http-port is PRIVACYPAL_HTTP_PORT,"
          + " --aws-region is AWS_REGION; a flag wins over its variable.";

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), commandsFor(args)).execute(args));
  }

  /** The command line with every command, its settings' defaults from {@code environment}. */
  static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(environment, PrivacypalCommand.COMMANDS);
  }

  /**
   * Only the command that {@code args} name, when they start with one (building all of them is a
   * good part of a start); every command for help, completion, a root option first or a typo, whose
   * answers list them.
   */
  static List<Class<?>> commandsFor(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("completion")) {
      return PrivacypalCommand.COMMANDS;
    }
    return PrivacypalCommand.COMMANDS.stream()
        .filter(command -> args[0].equals(command.getAnnotation(Command.class).name()))
        .findFirst()
        .map(List::<Class<?>>of)
        .orElse(PrivacypalCommand.COMMANDS);
  }

  static CommandLine commandLine(Map<String, String> environment, List<Class<?>> commands) {
    PrivacypalCommand root = new PrivacypalCommand();
    CommandLine line = new CommandLine(root);
    commands.forEach(line::addSubcommand);
    line.setDefaultValueProvider(new EnvironmentDefaults(environment));
    line.setExecutionStrategy(
        parsed -> {
          root.logging.apply();
          return new RunLast().execute(parsed);
        });
    line.setExecutionExceptionHandler(Main::failed);
    helpOnEveryCommand(line);
    return line;
  }

  /**
   * {@code --help} and the settings footer on every command but {@code help} itself (picocli's help
   * command has its own {@code -h}).
   */
  private static void helpOnEveryCommand(CommandLine line) {
    CommandSpec spec = line.getCommandSpec();
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help and exit.")
            .build());
    spec.usageMessage().footer("", SETTINGS_FOOTER).abbreviateSynopsis(true).sortOptions(false);
    line.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                helpOnEveryCommand(sub);
              }
            });
  }

  private static int failed(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof UsageException || e instanceof ConfigException) {
      command.getErr().println("privacypal: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    String name = command.getCommandName();
    LoggerFactory.getLogger(Main.class).error("command {} failed: {}", name, e.toString(), e);
    command.getErr().println("privacypal: " + name + " failed: " + e.getMessage());
    return CommandLine.ExitCode.SOFTWARE;
  }
}
