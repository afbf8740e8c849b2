package io.privacypal.common.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs an action while holding a lock file: a JVM lock for this process's threads, a file lock for
 * the other processes sharing the directory (a file lock cannot be taken twice in one JVM).
 */
public final class ProcessFileLock {
  private static final int STRIPES = 64;
  private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      LOCKS[i] = new ReentrantLock();
    }
  }

  private ProcessFileLock() {}

  @FunctionalInterface
  public interface IoSupplier<T> {
    T get() throws IOException;
  }

  public static <T> T holding(Path lockFile, IoSupplier<T> action) throws IOException {
    ReentrantLock stripe = LOCKS[Math.floorMod(lockFile.toAbsolutePath().hashCode(), STRIPES)];
    stripe.lock();
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.get();
    } finally {
      stripe.unlock();
    }
  }
}
