package io.privacypal.gateway.jobs;

import io.privacypal.common.job.JobId;
import io.privacypal.common.text.Sha256;
import io.privacypal.gateway.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * (client, Idempotency-Key) → job id, one small file per key in a directory: one client's key
 * never returns another client's job. On disk, so it survives restarts and is shared by every gateway on the same status directory. A key is claimed with a hard link, which
 * the file system makes atomic: of two racing requests exactly one wins.
 */
public final class IdempotencyIndex {
  public static final int MAX_KEY_LENGTH = 255;

  private final Path directory;

  public IdempotencyIndex(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the idempotency directory " + directory, e);
    }
  }

  /** What a key is bound to: the job, and a fingerprint of the request that created it. */
  public record Entry(JobId jobId, String requestFingerprint) {}

  public static void checkKey(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ApiException.badRequest(
          "Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters");
    }
  }

  /** Binds the client's key to the entry, or returns the entry that already holds it. */
  public Optional<Entry> claim(String client, String key, Entry entry) {
    Path target = file(client, key);
    Path temp = directory.resolve("." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(temp, entry.jobId() + "\n" + entry.requestFingerprint(), StandardCharsets.UTF_8);
      try {
        Files.createLink(target, temp);
        return Optional.empty();
      } catch (FileAlreadyExistsException e) {
        return Optional.of(read(target));
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the Idempotency-Key", e);
    }
  }

  /** Frees a key whose job could not be queued, so the client's retry can succeed. */
  public void release(String client, String key) {
    try {
      Files.deleteIfExists(file(client, key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the Idempotency-Key", e);
    }
  }

  private static Entry read(Path file) throws IOException {
    try {
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", 2);
      return new Entry(JobId.of(lines[0].trim()), lines.length > 1 ? lines[1].trim() : "");
    } catch (NoSuchFileException e) {
      // Released between our failed link and this read: the other request gave the key back.
      throw ApiException.conflict("a request with this Idempotency-Key just failed; retry it");
    }
  }

  /** The operator's (no client) keep the names keys had before clients existed. */
  private Path file(String client, String key) {
    return directory.resolve(Sha256.hex(client == null ? key : client + "\u0000" + key));
  }
}
