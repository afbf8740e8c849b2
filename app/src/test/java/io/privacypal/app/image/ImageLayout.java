package io.privacypal.app.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A container's file system laid out under a directory, as a Dockerfile's final stage says: the
 * copied files owned by root and read-only, the directories the Dockerfile gives the runtime user
 * owned by an unprivileged user, every absolute path of the image under {@code root}. Its
 * entrypoint then runs as that unprivileged user, as the container would.
 */
final class ImageLayout implements AutoCloseable {
  /** The unprivileged user the image's USER stands for ({@code nobody}). */
  static final int UID = 65534;

  private final DockerfileStage stage;
  private final Path root;
  private final Set<Path> laidOut;

  private ImageLayout(DockerfileStage stage, Path root, Set<Path> laidOut) {
    this.stage = stage;
    this.root = root;
    this.laidOut = laidOut;
  }

  /**
   * @param stageFiles where a file of another stage ({@code COPY --from=stage source}) is found
   *     here
   */
  static ImageLayout of(DockerfileStage stage, BiFunction<String, String, Path> stageFiles)
      throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("privacypal-image");
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path workdir = inside(root, stage.workingDirectory());
    Files.createDirectories(workdir);
    for (DockerfileStage.Copy copy : stage.copies()) {
      Path target =
          copy.destination().startsWith("/")
              ? inside(root, copy.destination())
              : workdir.resolve(copy.destination());
      copyTree(stageFiles.apply(copy.stage(), copy.source()), target);
    }
    for (String dir : stage.userDirectories()) {
      Files.createDirectories(inside(root, dir));
    }
    run(List.of("chmod", "-R", "a+rX,go-w", root.toString()));
    giveToUser(root, stage);
    Set<Path> laidOut;
    try (Stream<Path> files = Files.walk(root)) {
      laidOut = Set.copyOf(files.toList());
    }
    return new ImageLayout(stage, root, laidOut);
  }

  /**
   * The runtime user owns its directories again, with what the test put there as its inputs (the
   * test writes as root; in a container the user or a volume owns them).
   */
  void giveInputsToUser() throws IOException, InterruptedException {
    giveToUser(root, stage);
  }

  private static void giveToUser(Path root, DockerfileStage stage)
      throws IOException, InterruptedException {
    for (String dir : stage.userDirectories()) {
      run(List.of("chown", "-R", UID + ":" + UID, inside(root, dir).toString()));
    }
  }

  static Path inside(Path root, String absolute) {
    return root.resolve(absolute.replaceFirst("^/+", ""));
  }

  Path path(String absolute) {
    return inside(root, absolute);
  }

  /** Files and directories that the running process created outside its own directories. */
  List<Path> writtenOutsideUserDirectories() throws IOException {
    List<Path> owned = stage.userDirectories().stream().map(this::path).toList();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> !laidOut.contains(p))
          .filter(p -> owned.stream().noneMatch(p::startsWith))
          .toList();
    }
  }

  /**
   * Starts the entrypoint as the unprivileged user in the working directory, with the image's
   * environment (absolute paths moved under the layout) plus {@code deployment}, as compose or a
   * manifest would add.
   */
  Process start(Map<String, String> deployment, Path log) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--"));
    List<String> entrypoint = new ArrayList<>(stage.entrypoint());
    entrypoint.set(
        0, Path.of(System.getProperty("java.home"), "bin", entrypoint.get(0)).toString());
    command.addAll(entrypoint);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(path(stage.workingDirectory()).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    String pathVariable = env.get("PATH");
    env.clear();
    env.put("PATH", pathVariable);
    env.put(
        "HOME",
        stage.userDirectories().isEmpty() ? "/" : path(stage.userDirectories().get(0)).toString());
    Map<String, String> image = new HashMap<>();
    stage.environment().forEach((k, v) -> image.put(k, v.startsWith("/") ? path(v).toString() : v));
    env.putAll(image);
    env.putAll(deployment);
    return builder.start();
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(file, to);
        }
      }
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("failed: " + command);
    }
  }

  @Override
  public void close() {
    try {
      run(List.of("rm", "-rf", root.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
