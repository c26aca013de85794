package dev.workerdi.samples.backup;

import dev.workerdi.lifecycle.WorkerHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a directory backup and a directory restore share: the run's host, options and directory, its
 * timed {@link Phases}, the parallel copy of the chunks still to do (with its progress line), and
 * the report. Each subclass has its own plan and its own checks around the copy. Not thread-safe:
 * one per run.
 */
abstract sealed class DirectoryRun permits DirectoryBackup, DirectoryRestore {
  final WorkerHost host;
  final BackupOptions options;
  final AtomicBoolean cancelled;
  final long started;
  final Path dir;
  final Phases phases;

  DirectoryRun(
      WorkerHost host, BackupOptions options, AtomicBoolean cancelled, long started, Path dir) {
    this.host = host;
    this.options = options;
    this.cancelled = cancelled;
    this.started = started;
    this.dir = dir;
    this.phases = new Phases(host, started);
  }

  /**
   * Copies the plan's chunks still to do with K coroutines, each running one of {@code workers};
   * {@code readsSource} when the chunks are read from the source database (in one snapshot).
   */
  final ParallelCopy copy(Plan plan, boolean readsSource, ChunkWorker.Factory workers) {
    try (Progress progress = new Progress(options.progress, plan)) {
      ParallelCopy copy =
          new ParallelCopy(
              host,
              options,
              progress,
              cancelled,
              plan,
              readsSource,
              ParallelCopy.Finisher.NONE,
              workers);
      copy.run();
      return copy;
    }
  }

  /** The run's report, with the phases timed so far. */
  final BackupReport report(
      Plan plan,
      ParallelCopy copy,
      List<TableReport> tables,
      List<String> skipped,
      SnapshotPoint point,
      List<String> warnings) {
    return BackupReport.of(
        options, plan, copy, tables, skipped, phases.times(), started, point, warnings);
  }
}
