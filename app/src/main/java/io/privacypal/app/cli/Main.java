package io.privacypal.app.cli;

import io.privacypal.common.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The launcher's entry point: {@code privacypal COMMAND [ARGS] [--setting=value...]}. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  static Map<String, Command> commands() {
    Map<String, Command> commands = new LinkedHashMap<>();
    DetectorFactory detectors = new DetectorFactory();
    commands.put("local", new LocalCommand(detectors));
    commands.put("gateway", new GatewayCommand());
    commands.put("worker", new WorkerCommand(detectors));
    commands.put("process", new ProcessCommand(detectors));
    commands.put("dlq", new DlqCommand());
    commands.put("sqs", new SqsCommand());
    commands.put("bench", new BenchCommand());
    commands.put("bench-keyframes", new KeyframeStudyCommand());
    commands.put("bench-leaks", new LeakBenchCommand());
    commands.put("enqueue", new EnqueueCommand());
    commands.put("status", new StatusCommand());
    return commands;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    CommandLine line = CommandLine.parse(args, System.getenv());
    Map<String, Command> commands = commands();
    Command command = commands.get(line.command());
    if (command == null || line.command().equals("help")) {
      System.err.print(Usage.TEXT);
      return command == null && !line.command().equals("help") ? 2 : 0;
    }
    try {
      return command.run(line);
    } catch (UsageException | ConfigException e) {
      System.err.println("privacypal: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      log.error("command {} failed: {}", line.command(), e.toString(), e);
      System.err.println("privacypal: " + line.command() + " failed: " + e.getMessage());
      return 1;
    }
  }
}
