package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigException;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
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
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The command line with its settings' defaults from {@code environment}. */
  static CommandLine commandLine(Map<String, String> environment) {
    PrivacypalCommand root = new PrivacypalCommand();
    CommandLine line = new CommandLine(root);
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
