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
 * version) or the SQL {@link RowHash} of every chunk (any versions). Both sides run at once, each
 * as one coroutine whose {@link FanOut} runs the per-table or per-chunk queries concurrently on the
 * worker's pool, each query on its own lease. Stateless.
 */
final class Verifier {
  private static final Duration DEADLINE = Duration.ofHours(6);

  private Verifier() {}

  /** One side's answer for a table or a chunk: a row count, and a checksum or a row hash. */
  private record Digest(long rows, String checksum, RowHash hash) {
    Digest plus(Digest other) {
      RowHash sum = hash.plus(other.hash);
      return new Digest(sum.rows(), sum.text(), sum);
    }
  }

  /**
   * The method {@code requested} means: {@link BackupOptions.Verify#AUTO} is the SQL hash, whose
   * source side was computed inside the snapshot while copying, so a source written to meanwhile
   * still verifies equal (and it compares across server versions).
   */
  static BackupOptions.Verify method(BackupOptions.Verify requested) {
    return requested == BackupOptions.Verify.AUTO ? BackupOptions.Verify.SQL_HASH : requested;
  }

  static List<TableReport> verify(
      WorkerHost host, Plan plan, BackupOptions.Verify method, int workers) {
    boolean checksumTable = method == BackupOptions.Verify.CHECKSUM_TABLE;
    List<FanOut.Task<Digest>> tasks = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    for (Table table : plan.schema().tables()) {
      if (checksumTable) {
        tasks.add(c -> checksumTable(c, table));
        owners.add(table.name());
      } else {
        for (Chunk chunk : plan.chunksOf(table)) {
          tasks.add(c -> hash(c, chunk));
          owners.add(table.name());
        }
      }
    }
    CompletableFuture<List<Digest>> source =
        checksumTable
            ? side(host, 0, SideFanOut.source(host), tasks)
            : CompletableFuture.completedFuture(snapshotDigests(plan));
    CompletableFuture<List<Digest>> target =
        side(host, 1 % workers, SideFanOut.target(host), tasks);
    Map<String, Digest> sources = byTable(owners, source.join());
    Map<String, Digest> targets = byTable(owners, target.join());
    String name = checksumTable ? "CHECKSUM TABLE" : "SQL hash";
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
                    name))
        .toList();
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
        digests.add(new Digest(chunk.copiedRows(), chunk.sourceHash().text(), chunk.sourceHash()));
      }
    }
    return digests;
  }

  private static CompletableFuture<List<Digest>> side(
      WorkerHost host, int worker, SideFanOut fanOut, List<FanOut.Task<Digest>> tasks) {
    return host.submit(worker, () -> fanOut.<Digest>run(tasks, DEADLINE));
  }

  private static Digest checksumTable(Connection connection, Table table) throws SQLException {
    long rows = Jdbc.number(connection, "SELECT COUNT(*) FROM " + table.quoted());
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("CHECKSUM TABLE " + table.quoted())) {
      r.next();
      return new Digest(rows, r.getString(2), null);
    }
  }

  private static Digest hash(Connection connection, Chunk chunk) throws SQLException {
    RowHash hash = RowHash.of(connection, chunk);
    return new Digest(hash.rows(), hash.text(), hash);
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
