package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import dev.workerdi.core.DiException;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of {@link Backup} on a started host, phase by phase, each timed: prepare (a coroutine
 * reads the schema, creates the tables, plans or reloads the chunks), copy ({@link ParallelCopy};
 * it adds each table's deferred indexes and takes its checksums as the table's last chunk commits:
 * {@link FinishedTables}), objects (a coroutine creates views, routines and triggers, and with
 * {@code users} the users and their grants), verify ({@link Verifier}), events (created after the
 * verification), and, when everything is equal, a coroutine drops the checkpoints. Not thread-safe:
 * one per run.
 */
final class BackupRun {
  private final WorkerHost host;
  private final BackupOptions options;
  private final AtomicBoolean cancelled;
  private final long started;
  private final Map<String, Duration> phases = new LinkedHashMap<>();
  private long phaseStarted;

  BackupRun(WorkerHost host, BackupOptions options, AtomicBoolean cancelled, long started) {
    this.host = host;
    this.options = options;
    this.cancelled = cancelled;
    this.started = started;
    this.phaseStarted = started;
  }

  BackupReport run() {
    lap("start");
    Plan plan = inCoroutine("reading and planning", () -> Preparation.run(injector(), options));
    lap("prepare");
    Set<String> checksummed = Verifier.checksummed(options, plan);
    FinishedTables finished =
        new FinishedTables(
            checksummed,
            DeferredIndexes.allowed(
                plan.schema().tables().stream().map(Table::createSql).toList()));
    ParallelCopy copy = copy(plan, checksummed, finished);
    Plan copied = plan.withCopied(copy.copied());
    lap("copy");
    List<String> notes = new ArrayList<>();
    inCoroutine(
        "creating views, routines and triggers", () -> objects(plan.schema(), notes, false));
    lap("objects");
    List<TableReport> tables =
        verify(copied, finished.sourceChecksums(), finished.targetChecksums());
    lap("verify");
    inCoroutine("creating events", () -> objects(plan.schema(), notes, true));
    List<String> warnings = warnings(copy.point(), copied, !checksummed.isEmpty());
    warnings.addAll(notes);
    BackupReport report =
        BackupReport.of(
            options,
            plan,
            copy,
            tables,
            plan.schema().skipped(),
            phases,
            started,
            copy.point(),
            warnings);
    if (report.allEqual() && !options.keepCheckpoints) {
      inCoroutine(
          "dropping the checkpoints",
          () -> {
            Checkpoints.drop(BackupHost.target(injector()).connection());
            return null;
          });
    }
    return report;
  }

  /**
   * Creates the schema's views, routines and triggers (and users), or its events; adds the notes.
   */
  private Void objects(Schema schema, List<String> notes, boolean events) throws SQLException {
    Connection target = BackupHost.target(injector()).connection();
    TargetObjects objects =
        new TargetObjects(
            target, options.definerDenied, options.targetUser, options.sourceDatabase);
    if (events) {
      objects.createEvents(schema);
    } else {
      for (Sequence sequence :
          Sequence.reread(BackupHost.source(injector()).connection(), schema.sequences())) {
        sequence.setOn(target); // once the rows are copied: see Sequence
      }
      objects.createAllButEvents(schema);
      if (options.users) {
        notes.addAll(
            Users.copy(
                BackupHost.source(injector()).connection(),
                target,
                options.sourceDatabase,
                options.targetDatabase));
      }
    }
    notes.addAll(objects.notes());
    return null;
  }

  /**
   * The loud warnings: no common snapshot, or chunks read in the snapshots of several runs ({@code
   * checksummed}: some tables were compared by {@code CHECKSUM TABLE} in this run's snapshot).
   */
  private static List<String> warnings(SnapshotPoint point, Plan plan, boolean checksummed) {
    List<String> warnings = new ArrayList<>();
    if (!point.consistent()) {
      warnings.add(
          "WARNING: --no-lock: the copying coroutines did not share one snapshot, so if the source was"
              + " written to during the backup the copy is NOT consistent (each chunk is consistent on its own)");
    }
    List<String> snapshots = plan.snapshots();
    if (snapshots.size() > 1) {
      warnings.add(
          "WARNING: this copy was resumed: its chunks were read in "
              + snapshots.size()
              + " different"
              + " snapshots ("
              + String.join("; ", snapshots)
              + "), so if the source was written to between the runs"
              + " the copy is NOT one point in time ("
              + (checksummed
                  ? "CHECKSUM TABLE compares it with this run's snapshot, so it then differs"
                  : "every chunk verifies against what was read")
              + ")");
    }
    return warnings;
  }

  private ParallelCopy copy(Plan plan, Set<String> checksummed, FinishedTables finished) {
    try (Progress progress = new Progress(options.progress, plan)) {
      ParallelCopy copy =
          new ParallelCopy(
              host,
              options,
              progress,
              cancelled,
              plan,
              true,
              finished,
              (injector, source, snapshot, beforeCommit) ->
                  new ChunkCopier(
                      source,
                      BackupHost.target(injector).connection(),
                      options.chunkRows,
                      beforeCommit,
                      snapshot,
                      options.loadData,
                      Verifier.method(options.verify) == BackupOptions.Verify.READ_BACK,
                      checksummed));
      copy.run();
      return copy;
    }
  }

  private List<TableReport> verify(
      Plan plan, Map<String, String> checksums, Map<String, Verifier.Checked> targetChecksums) {
    try {
      return Verifier.verify(
          host, plan, Verifier.method(options.verify), options.workers, checksums, targetChecksums);
    } catch (CompletionException e) {
      throw failure("verifying", e.getCause());
    }
  }

  /** Runs {@code work} as a coroutine in worker 0 and waits for it. */
  private <T> T inCoroutine(String phase, Callable<T> work) {
    try {
      return host.submit(0, work).join();
    } catch (CompletionException e) {
      throw failure(phase, e.getCause());
    }
  }

  private static BackupException failure(String phase, Throwable cause) {
    if (cause instanceof BackupException backup) {
      return backup;
    }
    return new BackupException(
        "Failed while " + phase,
        cause instanceof DiException di && di.getCause() != null ? di.getCause() : cause);
  }

  private Injector injector() {
    return host.injector();
  }

  private void lap(String phase) {
    long now = System.nanoTime();
    phases.put(phase, Duration.ofNanos(now - phaseStarted));
    phaseStarted = now;
  }
}
