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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Compares every table of source and target: row counts plus {@code CHECKSUM TABLE} (same server
 * version), the SQL {@link RowHash} of every chunk computed by the target server (any versions), or
 * (the default) the same hash of every chunk read back from the target ({@link ReadBack}): most
 * chunks were read back by the copy right after their commit, the others (copied by an earlier,
 * interrupted run, or of tables the client cannot hash) are read back or SQL-hashed here, and every
 * table's {@code COUNT(*)} on the target is taken again at the end. Both sides run at once, each as
 * one coroutine whose {@link FanOut} runs the per-table or per-chunk queries concurrently on the
 * worker's pool, each query on its own lease. Stateless.
 */
final class Verifier {
  private static final Duration DEADLINE = Duration.ofHours(6);
  private static final String SQL_HASH = "SQL hash";
  private static final String READ_BACK = "read-back hash";

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
   * The method {@code requested} means: {@link BackupOptions.Verify#AUTO} is the read-back hash,
   * whose source side was computed inside the snapshot while copying, so a source written to
   * meanwhile still verifies equal (and it compares across server versions).
   */
  static BackupOptions.Verify method(BackupOptions.Verify requested) {
    return requested == BackupOptions.Verify.AUTO ? BackupOptions.Verify.READ_BACK : requested;
  }

  static List<TableReport> verify(
      WorkerHost host, Plan plan, BackupOptions.Verify method, int workers) {
    boolean checksumTable = method == BackupOptions.Verify.CHECKSUM_TABLE;
    boolean readBack = method == BackupOptions.Verify.READ_BACK;
    List<FanOut.Task<Digest>> tasks = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    Map<String, Digest> readAlready = new LinkedHashMap<>();
    for (Table table : plan.schema().tables()) {
      if (checksumTable) {
        tasks.add(c -> checksumTable(c, table));
        owners.add(table.name());
        continue;
      }
      for (Chunk chunk : plan.chunksOf(table)) {
        if (readBack && chunk.targetHash() != null) {
          RowHash h = chunk.targetHash();
          readAlready.merge(
              table.name(), new Digest(h.rows(), h.text(), h, READ_BACK), Digest::plus);
        } else {
          tasks.add(c -> readBack ? readBackOrHash(c, chunk) : hash(c, chunk));
          owners.add(table.name());
        }
      }
    }
    List<FanOut.Task<Long>> counts = new ArrayList<>();
    if (readBack) {
      plan.schema().tables().forEach(t -> counts.add(c -> count(c, t)));
    }
    CompletableFuture<List<Digest>> source =
        checksumTable
            ? side(host, 0, SideFanOut.source(host), tasks)
            : CompletableFuture.completedFuture(snapshotDigests(plan));
    CompletableFuture<List<Digest>> target =
        side(host, 1 % workers, SideFanOut.target(host), tasks);
    CompletableFuture<List<Long>> counted = side(host, 0, SideFanOut.target(host), counts);
    Map<String, Digest> sources =
        checksumTable ? byTable(owners, source.join()) : byTable(chunkOwners(plan), source.join());
    Map<String, Digest> targets = byTable(owners, target.join());
    readAlready.forEach((table, digest) -> targets.merge(table, digest, Digest::plus));
    if (readBack) {
      List<Long> rows = counted.join();
      List<Table> tables = plan.schema().tables();
      for (int i = 0; i < tables.size(); i++) {
        String name = tables.get(i).name();
        Digest empty = new Digest(0, RowHash.empty().text(), RowHash.empty(), READ_BACK);
        targets.put(name, targets.getOrDefault(name, empty).counted(rows.get(i)));
      }
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
                    checksumTable
                        ? "CHECKSUM TABLE"
                        : readBack ? targets.get(t.name()).method() : SQL_HASH))
        .toList();
  }

  /** The table of every chunk of the plan, in plan order. */
  private static List<String> chunkOwners(Plan plan) {
    List<String> owners = new ArrayList<>();
    for (Table table : plan.schema().tables()) {
      plan.chunksOf(table).forEach(c -> owners.add(table.name()));
    }
    return owners;
  }

  /**
   * The source's digests of every chunk, computed by the copy inside its snapshot, in plan order.
   */
  private static List<Digest> snapshotDigests(Plan plan) {
    List<Digest> digests = new ArrayList<>();
    for (Table table : plan.schema().tables()) {
      for (Chunk chunk : plan.chunksOf(table)) {
        if (!chunk.done() || chunk.sourceHash() == null) {
          throw new IllegalStateException(
              "chunk " + chunk + " has no source digest: it was not copied");
        }
        digests.add(
            new Digest(
                chunk.copiedRows(), chunk.sourceHash().text(), chunk.sourceHash(), SQL_HASH));
      }
    }
    return digests;
  }

  private static <T> CompletableFuture<List<T>> side(
      WorkerHost host, int worker, SideFanOut fanOut, List<FanOut.Task<T>> tasks) {
    if (tasks.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return host.submit(worker, () -> fanOut.<T>run(tasks, DEADLINE));
  }

  private static Digest checksumTable(Connection connection, Table table) throws SQLException {
    long rows = Jdbc.number(connection, "SELECT COUNT(*) FROM " + table.quoted());
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("CHECKSUM TABLE " + table.quoted())) {
      r.next();
      return new Digest(rows, r.getString(2), null, "CHECKSUM TABLE");
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
