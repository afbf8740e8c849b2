package io.privacypal.common.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.privacypal.common.files.ProcessFileLock;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.json.Json;
import io.privacypal.common.text.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One JSON file per job under a directory. Each write goes to a temporary file that is renamed into
 * place, so a reader never sees half a status; read-modify-write holds a lock (a JVM lock for this
 * process's threads, a file lock for the other processes sharing the directory).
 */
public final class FileJobStatusStore implements JobStatusStore {
  private final Path jobsDir;
  private final Path byVideoDir;
  private final Path idempotencyDir;
  private final ObjectMapper mapper = Json.mapper();

  public FileJobStatusStore(Path root) {
    this.jobsDir = root.resolve("jobs");
    this.byVideoDir = root.resolve("by-video");
    this.idempotencyDir = root.resolve("idempotency");
    try {
      Files.createDirectories(jobsDir);
      Files.createDirectories(byVideoDir);
      Files.createDirectories(idempotencyDir);
    } catch (IOException e) {
      throw new StatusStoreException("cannot create the status directory " + root, e);
    }
  }

  @Override
  public JobStatus createIfAbsent(JobStatus initial) {
    return locked(
        initial.jobId(),
        () -> {
          Optional<JobStatus> existing = read(jobFile(initial.jobId()));
          if (existing.isPresent()) {
            return existing.get();
          }
          writeAtomically(jobFile(initial.jobId()), Json.writeBytes(initial));
          writeAtomically(
              videoPointer(initial.client(), initial.video()),
              initial.jobId().value().getBytes(StandardCharsets.UTF_8));
          return initial;
        });
  }

  @Override
  public Optional<JobStatus> find(JobId jobId) {
    return read(jobFile(jobId));
  }

  @Override
  public JobStatus update(JobId jobId, UnaryOperator<JobStatus> change) {
    return locked(
        jobId,
        () -> {
          JobStatus current =
              read(jobFile(jobId)).orElseThrow(() -> new JobNotFoundException(jobId));
          JobStatus next = change.apply(current);
          if (next != current) {
            writeAtomically(jobFile(jobId), Json.writeBytes(next));
          }
          return next;
        });
  }

  @Override
  public Optional<JobStatus> latestForVideo(String client, String video) {
    try {
      String id = Files.readString(videoPointer(client, video), StandardCharsets.UTF_8).trim();
      return JobId.isValid(id) ? find(JobId.of(id)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StatusStoreException("cannot read the job pointer for " + video, e);
    }
  }

  @Override
  public List<JobStatus> recent(int limit) {
    List<Changed> files = new ArrayList<>();
    try (Stream<Path> listed = Files.list(jobsDir)) {
      for (Path file : (Iterable<Path>) listed::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && !name.startsWith(".")) {
          lastModified(file).ifPresent(at -> files.add(new Changed(file, at)));
        }
      }
    } catch (IOException e) {
      throw new StatusStoreException("cannot list " + jobsDir, e);
    }
    // Names and times only for all; the JSON of the most recently changed few is read.
    files.sort(Comparator.comparing(Changed::at).reversed());
    List<JobStatus> read = new ArrayList<>();
    for (Changed file : files.subList(0, Math.min(limit, files.size()))) {
      RecentStatuses.readSkippingBroken(
              file.path().getFileName().toString(), () -> read(file.path()))
          .ifPresent(read::add);
    }
    read.sort(RecentStatuses.NEWEST_SUBMITTED_FIRST);
    return read;
  }

  private record Changed(Path path, FileTime at) {}

  private static Optional<FileTime> lastModified(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file));
    } catch (IOException e) {
      return Optional.empty(); // deleted or replaced while listing
    }
  }

  private Path jobFile(JobId jobId) {
    return jobsDir.resolve(jobId.value() + ".json");
  }

  private Path videoPointer(String client, String video) {
    return byVideoDir.resolve(VideoPointers.name(client, video));
  }

  private Optional<JobStatus> read(Path file) {
    try {
      return Optional.of(mapper.readValue(Files.readAllBytes(file), JobStatus.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StatusStoreException("cannot read job status " + file.getFileName(), e);
    }
  }

  private void writeAtomically(Path target, byte[] content) {
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StatusStoreException("cannot write " + target.getFileName(), e);
    }
  }

  private <T> T locked(JobId jobId, ProcessFileLock.IoSupplier<T> action) {
    try {
      return ProcessFileLock.holding(jobsDir.resolve("." + jobId.value() + ".lock"), action);
    } catch (IOException e) {
      throw new StatusStoreException("cannot lock the status of job " + jobId, e);
    }
  }

  /**
   * A key is one small file; it is claimed with a hard link, which the file system makes atomic: of
   * two racing gateways exactly one creates it.
   */
  @Override
  public Optional<IdempotencyClaim> claimIdempotencyKey(String key, IdempotencyClaim claim) {
    Path target = idempotencyDir.resolve(Sha256.hex(key));
    Path temp = idempotencyDir.resolve("." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(temp, claim.encode().getBytes(StandardCharsets.UTF_8));
      try {
        for (int attempt = 1; ; attempt++) {
          try {
            Files.createLink(target, temp);
            return Optional.empty();
          } catch (FileAlreadyExistsException e) {
            try {
              return Optional.of(
                  IdempotencyClaim.decode(Files.readString(target, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException released) {
              if (attempt >= 3) {
                throw new StatusStoreException("idempotency key keeps being released", released);
              }
              // Released between our link and this read: claim it again.
            }
          }
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new StatusStoreException("cannot record an idempotency key", e);
    }
  }

  @Override
  public void releaseIdempotencyKey(String key) {
    try {
      Files.deleteIfExists(idempotencyDir.resolve(Sha256.hex(key)));
    } catch (IOException e) {
      throw new StatusStoreException("cannot release an idempotency key", e);
    }
  }
}
