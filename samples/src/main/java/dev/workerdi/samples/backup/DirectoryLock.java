package dev.workerdi.samples.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Refuses a second backup into the same directory while one runs: an exclusive lock on its {@code
 * .lock} file, held for the whole run and released by the operating system when the process ends,
 * {@code kill -9} included. Not thread-safe: one per run.
 */
final class DirectoryLock implements AutoCloseable {
  private final FileChannel channel;

  private DirectoryLock(FileChannel channel) {
    this.channel = channel;
  }

  static DirectoryLock acquire(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException inThisJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new BackupException(
            "Refused: another backup into the directory "
                + dir
                + " is running (it holds "
                + dir.resolve(".lock")
                + "); wait for it to end, or choose another directory",
            null);
      }
      return new DirectoryLock(channel);
    } catch (IOException e) {
      throw new BackupException("Cannot use the backup directory " + dir, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
