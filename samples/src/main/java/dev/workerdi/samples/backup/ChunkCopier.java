package dev.workerdi.samples.backup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Copies chunks from one source connection to one target connection (one coroutine's two leases). A
 * keyed chunk is one target transaction: its rows, inserted by {@link MultiRowInsert}, and its
 * checkpoint row commit together or not at all. A table without a key is streamed ({@code fetchSize
 * = Integer.MIN_VALUE}) and committed every {@code chunkRows} rows; its checkpoint commits with the
 * last rows, and an unfinished stream is truncated and copied again by the next run. With {@code
 * readBack}, each committed chunk is read back from the target and hashed ({@link ReadBack}), so
 * that the verification of this run's chunks overlaps the copy of the others. The chunks of a table
 * verified by {@code CHECKSUM TABLE} in the snapshot ({@link Verifier#checksummed}) are only
 * counted: neither hashed nor read back. Not thread-safe: one per coroutine.
 */
final class ChunkCopier implements ChunkWorker {
  private final Connection source;
  private final Connection target;
  private final int chunkRows;
  private final Runnable beforeCommit;
  private final long maxAllowedPacket;
  private final String snapshot;
  private final boolean loadData;
  private final boolean clientHash;
  private final boolean readBack;
  private final Set<String> counted;

  /** The load buffer, kept from chunk to chunk so that it grows once, not in every chunk. */
  private byte[] loadBuffer = new byte[1 << 20];

  /**
   * @param beforeCommit runs after a chunk's rows are inserted and before they are committed (the
   *     crash simulation of tests)
   * @param counted the tables whose chunks are only counted (verified by {@code CHECKSUM TABLE})
   */
  ChunkCopier(
      Connection source,
      Connection target,
      int chunkRows,
      Runnable beforeCommit,
      String snapshot,
      boolean loadData,
      boolean readBack,
      Set<String> counted)
      throws SQLException {
    this.counted = Set.copyOf(counted);
    this.snapshot = snapshot;
    this.source = source;
    this.target = target;
    this.chunkRows = chunkRows;
    this.beforeCommit = beforeCommit;
    this.maxAllowedPacket = Jdbc.number(target, "SELECT @@max_allowed_packet");
    this.loadData = loadData && Jdbc.number(target, "SELECT @@local_infile") == 1;
    this.clientHash = ClientRowHash.rawResults(source);
    this.readBack = readBack && ClientRowHash.rawResults(target);
  }

  /**
   * Copies {@code chunk} and marks it done with the digest of the rows read, reporting committed
   * rows to {@code committed}; returns the chunk, done, and with {@code readBack} (where {@link
   * ReadBack} applies) with the digest of its rows read back from the target after the commit.
   */
  @Override
  public Chunk copy(Chunk chunk, LongConsumer committed) throws SQLException, IOException {
    boolean countOnly = counted.contains(chunk.table().name());
    Chunk done = copyRows(chunk, committed, countOnly);
    return !countOnly && readBack && ReadBack.applies(chunk.table(), true)
        ? done.readBack(ReadBack.of(target, done))
        : done;
  }

  private Chunk copyRows(Chunk chunk, LongConsumer committed, boolean countOnly)
      throws SQLException, IOException {
    Table table = chunk.table();
    target.setAutoCommit(false);
    RowHash.Accumulator hash = countOnly ? null : RowHash.accumulator(table, clientHash);
    try (PreparedStatement select =
            source.prepareStatement(
                countOnly ? chunk.selectSql() : chunk.selectSql(hash),
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        RowWriter insert = writer(table)) {
      Checkpoints.clearUncommitted(target, chunk);
      if (table.keyed()) {
        new Keyset(table.key()).bind(select, 1, chunk.lo(), chunk.hi());
      } else {
        select.setFetchSize(Integer.MIN_VALUE);
      }
      long rows = 0;
      long uncommitted = 0;
      try (ResultSet results = select.executeQuery()) {
        while (results.next()) {
          insert.add(results);
          if (hash != null) {
            hash.add(results);
          }
          rows++;
          if (!table.keyed() && ++uncommitted == chunkRows) {
            insert.flush();
            target.commit();
            committed.accept(uncommitted);
            uncommitted = 0;
          }
        }
      }
      insert.flush();
      if (insert instanceof LoadData load) {
        loadBuffer = load.buffer();
      }
      beforeCommit.run();
      Chunk done =
          hash == null ? chunk.counted(rows, snapshot) : chunk.completed(hash.digest(), snapshot);
      Checkpoints.markDone(target, done);
      target.commit();
      target.setAutoCommit(true);
      committed.accept(table.keyed() ? rows : uncommitted);
      return done;
    } catch (SQLException | IOException | RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  /**
   * {@link LoadData} when the target allows LOCAL INFILE and the table's kinds fit, else multi-row
   * INSERTs.
   */
  private RowWriter writer(Table table) throws SQLException {
    return loadData && LoadData.supports(table)
        ? new LoadData(target, table, loadBuffer)
        : new MultiRowInsert(target, table, maxAllowedPacket);
  }

  private void rollbackQuietly(Exception failure) {
    try {
      target.rollback();
      target.setAutoCommit(true);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
