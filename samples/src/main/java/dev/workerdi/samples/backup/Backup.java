package dev.workerdi.samples.backup;

import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies every table of a source database into a target database, concurrently and resumably, then
 * verifies it: the Java form of a coroutine backup in PHP's Swoole (one coroutine per table chunk),
 * on a {@link WorkerHost} with two named databases. Phases: the target database is created (before
 * the workers start, on a one-off connection); one coroutine reads the schema, creates the tables
 * and plans key ranges (or finds the plan of an interrupted run); K coroutines copy the chunks,
 * each with its own source and target lease, each chunk committed with its checkpoint; views and
 * triggers are created; both sides are checksummed by fan-out; the checkpoints are dropped when
 * everything is equal.
 *
 * <pre>{@code
 * BackupReport report = Backup.run(BackupOptions.builder()
 *     .source("jdbc:mysql://127.0.0.1:3306/", "root", "")
 *     .target("jdbc:mysql://127.0.0.1:3306/", "root", "")
 *     .databases("shop", "shop_copy").concurrency(4).build());
 * System.out.println(report.summary());
 * }</pre>
 *
 * A run that stops (failure, kill, Ctrl-C) keeps every committed chunk; running it again with the
 * same options resumes. On JVM shutdown a running backup finishes its current chunks and stops.
 * Stateless; concurrent runs need different target databases.
 */
public final class Backup {
  private Backup() {}

  /**
   * Runs the backup.
   *
   * @return the report; check {@link BackupReport#allEqual()}
   * @throws BackupException if it cannot start or stops before the end (run again to resume)
   */
  public static BackupReport run(BackupOptions options) {
    long started = System.nanoTime();
    if (options.toDirectory != null || options.fromDirectory != null) {
      return runDirectory(options, started);
    }
    try (TargetGuard guard = TargetGuard.acquire(options.target(), options.targetDatabase)) {
      return runGuarded(options, started);
    }
  }

  private static BackupReport runGuarded(BackupOptions options, long started) {
    TargetDatabase.prepare(options);
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        Thread.ofPlatform()
            .name("backup-cancel")
            .unstarted(() -> cancelAndWait(cancelled, finished));
    Runtime.getRuntime().addShutdownHook(hook);
    WorkerHost host = null;
    try {
      host = startHost(options);
      return new BackupRun(host, options, cancelled, started).run();
    } catch (BackupException e) {
      throw new BackupException(
          "Backup of " + options.describeSource() + " into " + options.describeTarget(), e);
    } finally {
      if (host != null) {
        host.stop(Duration.ofSeconds(10));
      }
      finished.countDown();
      removeHook(hook);
    }
  }

  /**
   * A backup into a directory or a restore from one, cancelled (finishing its current chunks) on
   * JVM shutdown.
   */
  private static BackupReport runDirectory(BackupOptions options, long started) {
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        Thread.ofPlatform()
            .name("backup-cancel")
            .unstarted(() -> cancelAndWait(cancelled, finished));
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return options.toDirectory != null
          ? DirectoryBackup.run(options, cancelled, started)
          : DirectoryRestore.run(options, cancelled, started);
    } catch (BackupException e) {
      throw new BackupException(
          (options.toDirectory != null ? "Backup of " : "Restore of ")
              + options.describeSource()
              + " into "
              + options.describeTarget(),
          e);
    } finally {
      finished.countDown();
      removeHook(hook);
    }
  }

  private static WorkerHost startHost(BackupOptions options) {
    try {
      return BackupHost.start(options);
    } catch (RuntimeException e) {
      throw new BackupException("Cannot start the worker host", e);
    }
  }

  /**
   * On JVM shutdown: lets the copying coroutines finish their chunks, and waits a little for the
   * run to end.
   */
  private static void cancelAndWait(AtomicBoolean cancelled, CountDownLatch finished) {
    cancelled.set(true);
    try {
      finished.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waited for this run to finish
    }
  }
}
