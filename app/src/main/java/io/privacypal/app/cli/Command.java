package io.privacypal.app.cli;

/** One launcher command. Returns the process exit status. */
@FunctionalInterface
public interface Command {
  int run(CommandLine line) throws Exception;
}
