package io.privacypal.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code privacypal COMMAND}: the one list of commands; help and usage are generated from it. */
@Command(
    name = "privacypal",
    description =
        "Removes faces from videos: HTTP gateway, SQS job queue, ffmpeg + OpenCV workers.",
    subcommands = {
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
      HelpCommand.class
    })
final class PrivacypalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin LoggingOptions logging;

  /** Without a command: the help, as {@code privacypal help}. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
