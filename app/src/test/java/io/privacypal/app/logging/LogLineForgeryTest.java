package io.privacypal.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The launcher's log configuration (logback.xml) as the processes use it, on a private context. */
class LogLineForgeryTest {

  @Test
  void aNameWithNewlinesAndQuotesStaysInsideOneLogLine() throws Exception {
    String forged =
        "clip.mp4\"\n2026-01-01T00:00:00.000Z level=INFO logger=JobHandler msg=\"job x succeeded\r\u001b[2K";
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(getClass().getResource("/logback.xml"));
      Logger log = context.getLogger("JobService");
      log.info("queued {} for {}", forged, "alice");
    } finally {
      context.stop();
      System.setErr(original);
    }

    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output.lines()).hasSize(1);
    assertThat(output).contains("level=INFO logger=JobService").contains("msg=\"queued clip.mp4_");
    assertThat(output.chars().filter(c -> c == '"').count()).isEqualTo(2);
  }
}
