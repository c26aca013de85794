package dev.workerdi.samples.backup;

import dev.workerdi.jdbc.FanOut;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Compares every table of source and target. A table is verified by row counts plus {@code CHECKSUM
 * TABLE} ({@link #checksummed}: the source's taken inside the snapshot by the copying coroutines,
 * the target's here), or per chunk by row count and {@link RowHash}, the source's computed inside
 * the snapshot while copying and the target's either by the target server's SQL or (the default
 * where {@code CHECKSUM TABLE} does not apply) by reading the chunk back ({@link ReadBack}): most
 * chunks were read back by the copy right after their commit, the others (copied by an earlier,
 * interrupted run, or of tables the client cannot hash) are read back or SQL-hashed here, and every
 * such table's {@code COUNT(*)} on the target is taken again at the end. The target's queries run
 * in coroutines whose {@link FanOut} runs them concurrently on the worker's pool, each query on its
 * own lease. Stateless.
 */
final class Verifier {
  private static final Duration DEADLINE = Duration.ofHours(6);
  private static final String SQL_HASH = "SQL hash";
  private static final String READ_BACK = "read-back hash";
  private static final String CHECKSUM_TABLE = "CHECKSUM TABLE";

  private Verifier() {}

  /**
   * One side's answer for a table or a chunk: a row count, and a checksum or a row hash, and how it
   * was computed.
   */
  private record Digest(long rows, String checksum, RowHash hash, String method) {
    Digest plus(Digest other) {
      RowHash sum = hash.plus(other.hash);
      return new Digest(
          sum.rows(),
          sum.text(),
          sum,
          method.equals(other.method) ? method : READ_BACK + " and " + SQL_HASH);
    }

    /**
     * This table's digest with {@code counted} the rows the target counts now: a count that differs
     * from the rows hashed is reported in the checksum, so it never verifies equal.
     */
    Digest counted(long counted) {
      return new Digest(
          counted,
          counted == rows ? checksum : checksum + " (of " + rows + " rows hashed)",
          hash,
          method);
    }
  }

  /**
   * The per-chunk method {@code requested} means for the tables that {@link #checksummed} leaves:
   * {@link BackupOptions.Verify#AUTO} is the read-back hash, whose source side was computed inside
   * the snapshot while copying, so a source written to meanwhile still verifies equal (and it
   * compares across server versions).
   */
  static BackupOptions.Verify method(BackupOptions.Verify requested) {
    return requested == BackupOptions.Verify.AUTO ? BackupOptions.Verify.READ_BACK : requested;
  }

  /**
   * The names of the tables of {@code plan} verified by {@code CHECKSUM TABLE}, the source's taken
   * in the snapshot: every table with {@link BackupOptions.Verify#CHECKSUM_TABLE}; with {@link
   * BackupOptions.Verify#AUTO}, the InnoDB tables (whose reads the snapshot holds still) when the
   * copying coroutines share one snapshot (the global lock was taken) and both servers run the same
   * MariaDB version (so that their {@code CHECKSUM TABLE}s compute the same function; that it reads
   * the snapshot inside a {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} is checked on MariaDB,
   * not on MySQL, which keeps the per-chunk hashes); and, whatever the method, a table with chunks
   * that an earlier run copied that way, which have no digest. The chunks of these tables are
   * counted, not hashed nor read back, which spares the client most of the verification's work; the
   * per-chunk hashes remain for the others.
   */
  static Set<String> checksummed(BackupOptions options, Plan plan) {
    boolean all = options.verify == BackupOptions.Verify.CHECKSUM_TABLE;
    boolean auto =
        options.verify == BackupOptions.Verify.AUTO
            && options.lock
            && plan.sourceVersion().equals(plan.targetVersion())
            && plan.sourceVersion().contains("MariaDB");
    Set<String> tables = new LinkedHashSet<>();
    for (Table table : plan.schema().tables()) {
      boolean counted =
          plan.chunksOf(table).stream().anyMatch(c -> c.done() && c.sourceHash() == null);
      if (!table.versioned() && (all || counted || auto && table.transactional())) {
        tables.add(table.name());
      }
    }
    return tables;
  }

  /**
   * A table's row count and {@code CHECKSUM TABLE} on the target.
   *
   * @param rows its {@code COUNT(*)}
   * @param checksum its {@code CHECKSUM TABLE}
   */
  record Checked(long rows, String checksum) {}

  /** The target's {@code COUNT(*)} and {@code CHECKSUM TABLE} of {@code table}. */
  static Checked checkTarget(Connection target, Table table) throws SQLException {
    return new Checked(
        Jdbc.number(target, "SELECT COUNT(*) FROM " + table.quoted()), checksum(target, table));
  }

  /**
   * Compares every table of {@code plan}: those in {@code snapshotChecksums} (the source's {@code
   * CHECKSUM TABLE} taken in the snapshot, by table name) with the target's in {@code
   * targetChecksums}, taken once each table was copied; the others chunk by chunk with {@code
   * method}.
   */
  static List<TableReport> verify(
      WorkerHost host,
      Plan plan,
      BackupOptions.Verify method,
      int workers,
      Map<String, String> snapshotChecksums,
      Map<String, Checked> targetChecksums) {
    boolean readBack = method == BackupOptions.Verify.READ_BACK;
    List<FanOut.Task<Digest>> tasks = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    Map<String, Digest> sources = new LinkedHashMap<>();
    Map<String, Digest> readAlready = new LinkedHashMap<>();
    List<Table> recounted = new ArrayList<>();
    for (Table table : plan.schema().tables()) {
      String checksum = snapshotChecksums.get(table.name());
      if (checksum != null) {
        sources.put(
            table.name(), new Digest(copiedRows(plan, table), checksum, null, CHECKSUM_TABLE));
        continue;
      }
      for (Chunk chunk : plan.chunksOf(table)) {
        sources.merge(table.name(), snapshotDigest(chunk), Digest::plus);
        if (readBack && chunk.targetHash() != null) {
          RowHash h = chunk.targetHash();
          readAlready.merge(
              table.name(), new Digest(h.rows(), h.text(), h, READ_BACK), Digest::plus);
        } else {
          tasks.add(c -> readBack ? readBackOrHash(c, chunk) : hash(c, chunk));
          owners.add(table.name());
        }
      }
      if (readBack) {
        recounted.add(table);
      }
    }
    List<FanOut.Task<Long>> counts = new ArrayList<>();
    recounted.forEach(t -> counts.add(c -> count(c, t)));
    CompletableFuture<List<Digest>> target =
        side(host, 1 % workers, SideFanOut.target(host), tasks);
    CompletableFuture<List<Long>> counted = side(host, 0, SideFanOut.target(host), counts);
    Map<String, Digest> targets = byTable(owners, target.join());
    targetChecksums.forEach(
        (table, checked) ->
            targets.put(
                table, new Digest(checked.rows(), checked.checksum(), null, CHECKSUM_TABLE)));
    readAlready.forEach((table, digest) -> targets.merge(table, digest, Digest::plus));
    List<Long> rows = counted.join();
    for (int i = 0; i < recounted.size(); i++) {
      String name = recounted.get(i).name();
      Digest empty = new Digest(0, RowHash.empty().text(), RowHash.empty(), READ_BACK);
      targets.put(name, targets.getOrDefault(name, empty).counted(rows.get(i)));
    }
    return plan.schema().tables().stream()
        .map(
            t ->
                new TableReport(
                    t.name(),
                    t.describeKey(),
                    sources.get(t.name()).rows(),
                    targets.get(t.name()).rows(),
                    sources.get(t.name()).checksum(),
                    targets.get(t.name()).checksum(),
                    snapshotChecksums.containsKey(t.name())
                        ? CHECKSUM_TABLE
                        : readBack ? targets.get(t.name()).method() : SQL_HASH))
        .toList();
  }

  /** The rows read from the source for {@code table}, over its chunks (all done). */
  private static long copiedRows(Plan plan, Table table) {
    long rows = 0;
    for (Chunk chunk : plan.chunksOf(table)) {
      requireDone(chunk);
      rows += chunk.copiedRows();
    }
    return rows;
  }

  private static void requireDone(Chunk chunk) {
    if (!chunk.done()) {
      throw new IllegalStateException("chunk " + chunk + " was not copied");
    }
  }

  /** The source's digest of {@code chunk}, computed by the copy inside its snapshot. */
  private static Digest snapshotDigest(Chunk chunk) {
    requireDone(chunk);
    if (chunk.sourceHash() == null) {
      throw new IllegalStateException(
          "chunk " + chunk + " has no source digest: its table is verified by CHECKSUM TABLE");
    }
    return new Digest(chunk.copiedRows(), chunk.sourceHash().text(), chunk.sourceHash(), SQL_HASH);
  }

  private static <T> CompletableFuture<List<T>> side(
      WorkerHost host, int worker, SideFanOut fanOut, List<FanOut.Task<T>> tasks) {
    if (tasks.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return host.submit(worker, () -> fanOut.<T>run(tasks, DEADLINE));
  }

  /**
   * {@code CHECKSUM TABLE} of {@code table} on {@code connection} (in its transaction's snapshot,
   * if it has one).
   */
  static String checksum(Connection connection, Table table) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("CHECKSUM TABLE " + table.quoted())) {
      r.next();
      String checksum = r.getString(2);
      if (checksum == null) {
        throw new IllegalStateException(
            "CHECKSUM TABLE " + table.quoted() + " found no such table to checksum");
      }
      return checksum;
    }
  }

  private static Digest hash(Connection connection, Chunk chunk) throws SQLException {
    RowHash hash = RowHash.of(connection, chunk);
    return new Digest(hash.rows(), hash.text(), hash, SQL_HASH);
  }

  /** The chunk read back and hashed by the client where it can, else the target's SQL hash. */
  private static Digest readBackOrHash(Connection target, Chunk chunk) throws SQLException {
    if (!ReadBack.applies(chunk.table(), ClientRowHash.rawResults(target))) {
      return hash(target, chunk);
    }
    RowHash hash = ReadBack.of(target, chunk);
    return new Digest(hash.rows(), hash.text(), hash, READ_BACK);
  }

  private static long count(Connection target, Table table) throws SQLException {
    return Jdbc.number(target, "SELECT COUNT(*) FROM " + table.quoted());
  }

  /** Adds up the digests of each table's chunks (one digest per table for CHECKSUM TABLE). */
  private static Map<String, Digest> byTable(List<String> owners, List<Digest> digests) {
    Map<String, Digest> result = new LinkedHashMap<>();
    for (int i = 0; i < digests.size(); i++) {
      result.merge(owners.get(i), digests.get(i), Digest::plus);
    }
    return result;
  }
}
