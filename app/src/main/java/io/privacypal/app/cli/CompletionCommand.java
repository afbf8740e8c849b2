package io.privacypal.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code privacypal completion}: a bash/zsh completion script for every command and flag. */
@Command(
    name = "completion",
    description = {"Print a bash/zsh completion script.", "Use: source <(./privacypal completion)"})
final class CompletionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().print(AutoComplete.bash("privacypal", spec.root().commandLine()));
  }
}
