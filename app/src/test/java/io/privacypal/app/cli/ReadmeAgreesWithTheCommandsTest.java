package io.privacypal.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.privacypal.app.templates.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** The README's commands and settings tables say what the launcher and the code do. */
class ReadmeAgreesWithTheCommandsTest {
  private static final Pattern SETTING =
      Pattern.compile("\\$?\\{?\"?((?:PRIVACYPAL|AWS)_[A-Z0-9_]*[A-Z0-9])\\b");

  @Test
  void everyCommandHasARowInTheCommandsTable() throws IOException {
    String commands = section("## Commands");
    for (List<String> path : Launch.commandPaths()) {
      String name = String.join(" ", path);
      assertThat(commands)
          .as(name)
          .containsPattern("`(\\./privacypal )?" + Pattern.quote(name) + "[` ]");
    }
  }

  @Test
  void everyFlagIsInTheReadme() throws IOException {
    String readme = Files.readString(RepositoryFiles.file("README.md"));
    for (List<String> path : Launch.commandPaths()) {
      for (OptionSpec option : Launch.spec(path).options()) {
        assertThat(readme).as("%s %s", path, option.longestName()).contains(option.longestName());
      }
    }
  }

  /** Every PRIVACYPAL_ or AWS_ name the code, the logging configuration or the launcher reads. */
  @Test
  void everySettingTheCodeReadsIsInTheConfigurationTable() throws IOException {
    String configuration = section("## Configuration");
    Set<String> read = new TreeSet<>();
    try (Stream<Path> files = Files.walk(RepositoryFiles.root())) {
      files
          .filter(f -> f.toString().contains("/src/main/") || f.endsWith("privacypal"))
          .filter(f -> !f.toString().contains("/target/") && Files.isRegularFile(f))
          .filter(
              f ->
                  f.toString().endsWith(".java")
                      || f.toString().endsWith(".xml")
                      || f.endsWith("privacypal"))
          .forEach(f -> read.addAll(settingsIn(f)));
    }
    assertThat(read).contains("PRIVACYPAL_HTTP_PORT", "PRIVACYPAL_LOG_LEVEL", "AWS_REGION");
    Map<String, String> flags = new HashMap<>();
    for (List<String> path : Launch.commandPaths()) {
      for (OptionSpec option : Launch.spec(path).options()) {
        flags.put(EnvironmentDefaults.variable(option), option.longestName());
      }
    }
    for (String setting : read) {
      // A command's own flag (--limit, --blur-mode) may stand for its variable.
      String flag = flags.containsKey(setting) ? "|`" + flags.get(setting) + "`" : "";
      assertThat(configuration).as(setting).containsPattern(shortOrFull(setting) + flag);
    }
  }

  /**
   * The table abbreviates a second name of a row: {@code _MAX_ATTEMPTS} for
   * PRIVACYPAL_REKOGNITION_MAX_ATTEMPTS.
   */
  private static String shortOrFull(String setting) {
    StringBuilder alternatives = new StringBuilder("`" + setting + "`");
    String[] parts = setting.split("_");
    for (int i = 2; i < parts.length; i++) {
      alternatives
          .append("|`_")
          .append(String.join("_", List.of(parts).subList(i, parts.length)))
          .append("`");
    }
    return alternatives.toString();
  }

  private static Set<String> settingsIn(Path file) {
    try {
      Set<String> names = new TreeSet<>();
      Matcher m = SETTING.matcher(Files.readString(file));
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String section(String heading) throws IOException {
    String readme = Files.readString(RepositoryFiles.file("README.md"));
    int start = readme.indexOf(heading + "\n");
    assertThat(start).as(heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + heading.length());
    return readme.substring(start, end < 0 ? readme.length() : end);
  }
}
