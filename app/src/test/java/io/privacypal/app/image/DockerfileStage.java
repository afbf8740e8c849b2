package io.privacypal.app.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the final stage of a Dockerfile says about the container it makes: the runtime user, the
 * directories given to that user, the files copied in from other stages, the environment, the
 * working directory and the entrypoint. Read from the Dockerfile itself, so a test of the image's
 * start-up follows the file as it is.
 */
record DockerfileStage(
    String user,
    List<String> userDirectories,
    List<Copy> copies,
    Map<String, String> environment,
    String workingDirectory,
    List<String> entrypoint) {

  /** {@code COPY --from=stage source destination}. */
  record Copy(String stage, String source, String destination) {}

  private static final Pattern CHOWN = Pattern.compile("chown\\s+\\S+\\s+((?:/\\S+\\s*)+)");
  private static final Pattern COPY_FROM = Pattern.compile("--from=(\\S+)\\s+(\\S+)\\s+(\\S+)");

  static DockerfileStage read(Path dockerfile) throws IOException {
    List<String> instructions = instructions(Files.readString(dockerfile));
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    String user = "root";
    String workdir = "/";
    List<String> owned = new ArrayList<>();
    List<Copy> copies = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> entrypoint = List.of();
    for (String line : instructions.subList(last + 1, instructions.size())) {
      String keyword = line.split("\\s+", 2)[0];
      String rest = line.substring(keyword.length()).trim();
      switch (keyword) {
        case "USER" -> user = rest;
        case "WORKDIR" -> workdir = rest;
        case "RUN" -> {
          Matcher chown = CHOWN.matcher(rest);
          while (chown.find()) {
            owned.addAll(List.of(chown.group(1).trim().split("\\s+")));
          }
        }
        case "COPY" -> {
          Matcher copy = COPY_FROM.matcher(rest);
          if (!copy.find()) {
            throw new IllegalArgumentException("only COPY --from=stage is expected: " + line);
          }
          copies.add(new Copy(copy.group(1), copy.group(2), copy.group(3)));
        }
        case "ENV" -> {
          for (String pair : rest.split("\\s+")) {
            int eq = pair.indexOf('=');
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
        case "ENTRYPOINT" ->
            entrypoint = new ObjectMapper().readValue(rest, new TypeReference<List<String>>() {});
        default -> {} // EXPOSE, comments: nothing the process sees
      }
    }
    return new DockerfileStage(user, owned, copies, env, workdir, entrypoint);
  }

  /** Instructions with continuation lines joined and comments dropped. */
  private static List<String> instructions(String text) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continues) {
        result.add(current.toString().trim());
        current.setLength(0);
      }
    }
    return result;
  }
}
