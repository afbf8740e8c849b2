package io.privacypal.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The log format is chosen inside the process, as container images start {@code java} directly and
 * never run the launcher: a JVM started with nothing but PRIVACYPAL_LOG_FORMAT in its environment
 * logs in that format.
 */
class LogFormatConfiguratorTest {

  @Test
  void jsonInTheEnvironmentGivesOneJsonObjectPerLineWithTheJobId() throws Exception {
    String line = lastLine(run(Map.of("PRIVACYPAL_LOG_FORMAT", "json")));

    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("formattedMessage").asText()).isEqualTo("frame 7 done");
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("mdc").path("jobId").asText()).isEqualTo("job-1");
  }

  @Test
  void withoutTheSettingLinesAreTextWithTheJobId() throws Exception {
    String line = lastLine(run(Map.of()));

    assertThat(line)
        .startsWith("20")
        .contains("level=INFO")
        .contains("jobId=job-1")
        .contains("msg=\"frame 7 done\"");
  }

  @Test
  void anUnknownFormatFallsBackToTextAndSaysSo() throws Exception {
    String output = run(Map.of("PRIVACYPAL_LOG_FORMAT", "xml"));

    assertThat(output).contains("PRIVACYPAL_LOG_FORMAT must be text or json, got 'xml'");
    assertThat(lastLine(output)).contains("jobId=job-1").contains("msg=\"frame 7 done\"");
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String run(Map<String, String> settings) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LogLineMain.class.getName()))
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("PRIVACYPAL_"));
    builder.environment().putAll(settings);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
