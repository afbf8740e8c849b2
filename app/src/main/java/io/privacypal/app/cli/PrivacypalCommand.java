package io.privacypal.app.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code privacypal COMMAND}: the one list of commands; help and usage are generated from it. */
@Command(
    name = "privacypal",
    description =
        "Removes faces from videos: HTTP gateway, SQS job queue, ffmpeg + OpenCV workers.")
final class PrivacypalCommand implements Runnable {
  /**
   * Every command, in the order help lists them. Not in the annotation: picocli would build all of
   * them on every start, and {@link Main} builds only the one a command line names.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          LocalCommand.class,
          GatewayCommand.class,
          WorkerCommand.class,
          ProcessCommand.class,
          SqsCommand.class,
          EnqueueCommand.class,
          StatusCommand.class,
          DlqCommand.class,
          BenchCommand.class,
          KeyframeStudyCommand.class,
          SegmentBenchCommand.class,
          LeakBenchCommand.class,
          CompletionCommand.class,
          HelpCommand.class);

  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  /** Without a command: the help, as {@code privacypal help}. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
