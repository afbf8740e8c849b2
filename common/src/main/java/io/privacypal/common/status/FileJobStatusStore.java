package io.privacypal.common.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.privacypal.common.job.JobId;
import io.privacypal.common.job.JobStatus;
import io.privacypal.common.json.Json;
import io.privacypal.common.text.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One JSON file per job under a directory. Each write goes to a temporary file that is renamed into
 * place, so a reader never sees half a status; read-modify-write holds a lock (a JVM lock for this
 * process's threads, a file lock for the other processes sharing the directory).
 */
public final class FileJobStatusStore implements JobStatusStore {
  private static final int LOCK_STRIPES = 64;

  private final Path jobsDir;
  private final Path byVideoDir;
  private final ObjectMapper mapper = Json.mapper();
  // JVM-wide: a file lock cannot be taken twice in one JVM, even by two stores on one directory.
  private static final ReentrantLock[] STRIPES = new ReentrantLock[LOCK_STRIPES];

  static {
    for (int i = 0; i < LOCK_STRIPES; i++) {
      STRIPES[i] = new ReentrantLock();
    }
  }

  public FileJobStatusStore(Path root) {
    this.jobsDir = root.resolve("jobs");
    this.byVideoDir = root.resolve("by-video");
    try {
      Files.createDirectories(jobsDir);
      Files.createDirectories(byVideoDir);
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
              videoPointer(initial.video()),
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
          JobStatus current = read(jobFile(jobId)).orElseThrow(() -> new JobNotFoundException(jobId));
          JobStatus next = change.apply(current);
          if (next != current) {
            writeAtomically(jobFile(jobId), Json.writeBytes(next));
          }
          return next;
        });
  }

  @Override
  public Optional<JobStatus> latestForVideo(String video) {
    try {
      String id = Files.readString(videoPointer(video), StandardCharsets.UTF_8).trim();
      return JobId.isValid(id) ? find(JobId.of(id)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StatusStoreException("cannot read the job pointer for " + video, e);
    }
  }

  @Override
  public List<JobStatus> recent(int limit) {
    List<JobStatus> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(jobsDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && !name.startsWith(".")) {
          read(file).ifPresent(all::add);
        }
      }
    } catch (IOException e) {
      throw new StatusStoreException("cannot list " + jobsDir, e);
    }
    all.sort(Comparator.comparing(JobStatus::createdAt).reversed());
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  private Path jobFile(JobId jobId) {
    return jobsDir.resolve(jobId.value() + ".json");
  }

  private Path videoPointer(String video) {
    return byVideoDir.resolve(Sha256.hex(video));
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
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

  private <T> T locked(JobId jobId, IoSupplier<T> action) {
    Path lockFile = jobsDir.resolve("." + jobId.value() + ".lock");
    ReentrantLock stripe = STRIPES[Math.floorMod(lockFile.hashCode(), LOCK_STRIPES)];
    stripe.lock();
    try (FileChannel channel =
            FileChannel.open(
                lockFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.get();
    } catch (IOException e) {
      throw new StatusStoreException("cannot lock the status of job " + jobId, e);
    } finally {
      stripe.unlock();
    }
  }



  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}
