package io.privacypal.app.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Deployment files at the repository root, read as the tools that use them would. */
public final class RepositoryFiles {
  private static final ObjectMapper YAML = new YAMLMapper();

  private RepositoryFiles() {}

  /** The repository root: tests run in the module directory, the files live above it. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("infra").resolve("aws"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }

  public static JsonNode yaml(String relative) throws IOException {
    return YAML.readTree(file(relative).toFile());
  }

  /** Every document of a multi-document YAML file (Kubernetes manifests). */
  static List<JsonNode> yamlDocuments(String relative) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file(relative).toFile())) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    return documents;
  }

  /** A node that may be one value or a list of them, as a list. */
  static List<JsonNode> oneOrMany(JsonNode node) {
    if (node instanceof ArrayNode array) {
      return StreamSupport.stream(array.spliterator(), false).toList();
    }
    return node == null || node.isMissingNode() ? List.of() : List.of(node);
  }

  static List<String> texts(JsonNode node) {
    return oneOrMany(node).stream().map(JsonNode::asText).toList();
  }
}
