package io.privacypal.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Help, usage errors and completion, generated from the one list of commands. */
class CommandUsageTest {

  /** {@code local --help} used to start the service and {@code bench --help} a benchmark. */
  @Test
  void helpOnEveryCommandPrintsItsUsageAndStartsNothing() {
    for (List<String> path : Launch.commandPaths()) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      // A started service or benchmark would not return within the timeout.
      Launch.Outcome outcome =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> Launch.run(args.toArray(String[]::new)));

      assertThat(outcome.status()).as("%s", path).isZero();
      assertThat(outcome.out())
          .as("%s", path)
          .startsWith("Usage: privacypal " + String.join(" ", path));
      assertThat(outcome.err()).as("%s", path).isEmpty();
    }
  }

  @Test
  void anUnknownFlagFailsWithUsageOnEveryCommand() {
    for (List<String> path : Launch.commandPaths()) {
      List<String> args = new ArrayList<>(path);
      args.addAll(Launch.requiredArguments(path));
      args.add("--no-such-flag=1");
      Launch.Outcome outcome =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> Launch.run(args.toArray(String[]::new)));

      assertThat(outcome.status()).as("%s", path).isEqualTo(2);
      assertThat(outcome.err())
          .as("%s", path)
          .contains("Unknown option: '--no-such-flag=1'")
          .contains("Usage: privacypal " + String.join(" ", path));
    }
  }

  @Test
  void aValueOfTheWrongTypeNamesTheFlag() {
    Launch.Outcome outcome = Launch.run("gateway", "--http-port=eighty");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).contains("'--http-port'", "'eighty'", "Usage: privacypal gateway");
  }

  @Test
  void aWrongVariableIsAUsageErrorToo() {
    Launch.Outcome outcome =
        Launch.run(Map.of("PRIVACYPAL_WORKER_SLOTS", "many"), "worker", "--help");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).contains("'--worker-slots'", "'many'");
  }

  @Test
  void missingArgumentsAreAUsageError() {
    Launch.Outcome process = Launch.run("process", "only-one.mp4");
    Launch.Outcome enqueue = Launch.run("enqueue");
    Launch.Outcome dlq = Launch.run("dlq", "purge");

    assertThat(process.status()).isEqualTo(2);
    assertThat(process.err()).contains("Missing required parameter: 'OUTPUT'");
    assertThat(enqueue.status()).isEqualTo(2);
    assertThat(enqueue.err()).contains("VIDEO");
    assertThat(dlq.status()).isEqualTo(2);
  }

  @Test
  void withoutACommandTheHelpListsEveryCommand() {
    Launch.Outcome outcome = Launch.run();

    assertThat(outcome.status()).isZero();
    for (List<String> path : Launch.commandPaths()) {
      if (path.size() == 1) {
        assertThat(outcome.err()).contains("  " + path.get(0) + " ");
      }
    }
    assertThat(outcome.err()).contains("PRIVACYPAL_HTTP_PORT");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Launch.Outcome outcome = Launch.run("serve");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).contains("Unmatched argument at index 0: 'serve'");
  }

  @Test
  void completionCoversTheCommandsAndTheirFlags() {
    Launch.Outcome outcome = Launch.run("completion");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out())
        .contains(
            "complete -F",
            "bench-keyframes",
            "fail-stranded",
            "--http-port",
            "--remote-latency-ms");
  }

  @Test
  void aStartBuildsOnlyTheCommandItNamesAndHelpCompletionOrATypoGetThemAll() {
    assertThat(Main.commandsFor(new String[] {"process", "in.mp4", "out.mp4"}))
        .containsExactly(ProcessCommand.class);
    for (String first : List.of("help", "completion", "proces", "--log-level=DEBUG")) {
      assertThat(Main.commandsFor(new String[] {first, "process"}))
          .as(first)
          .isEqualTo(PrivacypalCommand.COMMANDS);
    }
    assertThat(Main.commandsFor(new String[0])).isEqualTo(PrivacypalCommand.COMMANDS);

    picocli.CommandLine alone = Main.commandLine(Map.of(), List.of(ProcessCommand.class));
    alone.parseArgs("process", "in.mp4", "out.mp4", "--log-level=DEBUG");
    assertThat(((PrivacypalCommand) alone.getCommand()).logging.logLevel).isEqualTo("DEBUG");
  }

  @Test
  void aSettingsErrorExitsWithUsageStatusAndSaysWhich() {
    Launch.Outcome outcome = Launch.run("enqueue", "clip.mp4", "--blur-mode=smudge");

    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("privacypal: invalid options:");
  }
}
