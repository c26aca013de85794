package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a database copy does with each table once its chunks are all committed, in the coroutine
 * that committed the last one, while the others go on copying: adds the secondary indexes the table
 * was created without ({@link DeferredIndexes}), then, for a table verified by {@code CHECKSUM
 * TABLE} ({@link Verifier#checksummed}), takes the target's row count and checksum on its target
 * lease. The source's checksum of such a table is taken on a snapshot connection as its copy starts
 * ({@link #started}), or, for a table with nothing left to copy in this run, as it is finished, so
 * that the last table's finish, which nothing overlaps, reads only the target. Nothing changes the
 * table's rows afterwards (views, routines and triggers are created later, and events after the
 * verification). Thread-safe.
 */
final class FinishedTables implements ParallelCopy.Finisher {
  private final Set<String> checksummed;
  private final boolean deferredIndexes;
  private final Map<String, String> sourceChecksums = new ConcurrentHashMap<>();
  private final Map<String, Verifier.Checked> targetChecksums = new ConcurrentHashMap<>();

  /**
   * @param checksummed the tables verified by {@code CHECKSUM TABLE}
   * @param deferredIndexes whether the tables were created without their plain secondary keys
   */
  FinishedTables(Set<String> checksummed, boolean deferredIndexes) {
    this.checksummed = Set.copyOf(checksummed);
    this.deferredIndexes = deferredIndexes;
  }

  /** Takes the source's checksum of a checksummed table as its copy starts, in the snapshot. */
  @Override
  public void started(Table table, Connection source) throws SQLException {
    if (checksummed.contains(table.name())) {
      sourceChecksums.put(table.name(), Verifier.checksum(source, table));
    }
  }

  @Override
  public void finished(Table table, Injector injector, Connection source) throws Exception {
    Connection target = BackupHost.target(injector).connection();
    if (deferredIndexes) {
      DeferredIndexes.addMissing(target, table.name(), table.createSql());
    }
    if (checksummed.contains(table.name())) {
      if (!sourceChecksums.containsKey(table.name())) {
        sourceChecksums.put(table.name(), Verifier.checksum(source, table));
      }
      targetChecksums.put(table.name(), Verifier.checkTarget(target, table));
    }
  }

  /** The source's {@code CHECKSUM TABLE}s, taken in the snapshot, by table name. */
  Map<String, String> sourceChecksums() {
    return Map.copyOf(sourceChecksums);
  }

  /** The target's row counts and {@code CHECKSUM TABLE}s, by table name. */
  Map<String, Verifier.Checked> targetChecksums() {
    return Map.copyOf(targetChecksums);
  }
}
