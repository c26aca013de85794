package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@value #TABLE} table in the target: one row per planned chunk (its key range, planned rows,
 * and whether it is done), written with the plan, and set done in the same transaction that inserts
 * the chunk's rows. So after a crash the target holds exactly the done chunks, and the next run
 * copies the others. A row with an empty table name records which source database the backup is of.
 * Stateless; every method works on the caller's target connection.
 */
final class Checkpoints {
  static final String TABLE = "_backup_checkpoint";
  private static final String Q = Jdbc.q(TABLE);

  private Checkpoints() {}

  static boolean exists(Connection target) throws SQLException {
    return Jdbc.number(
            target,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '"
                + TABLE
                + "'")
        > 0;
  }

  /** Creates the table and records the source database. */
  static void create(Connection target, String sourceDatabase) throws SQLException {
    Jdbc.execute(
        target,
        "CREATE TABLE "
            + Q
            + " (table_name VARCHAR(64) NOT NULL, chunk_no INT NOT NULL,"
            + " lo_key MEDIUMTEXT NULL, hi_key MEDIUMTEXT NULL, planned_rows BIGINT NOT NULL, copied_rows BIGINT NULL,"
            + " done BOOLEAN NOT NULL DEFAULT FALSE, done_at TIMESTAMP(3) NULL, source_crc_sum BIGINT NULL,"
            + " source_md5_xor BIGINT NULL, snapshot VARCHAR(512) NULL, PRIMARY KEY (table_name, chunk_no))"
            + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
    try (PreparedStatement insert =
        target.prepareStatement(
            "INSERT INTO "
                + Q
                + " (table_name, chunk_no, lo_key, planned_rows) VALUES ('', 0, ?, 0)")) {
      insert.setString(1, sourceDatabase);
      insert.executeUpdate();
    }
  }

  /** The source database the checkpoints belong to. */
  static String sourceDatabase(Connection target) throws SQLException {
    List<String> names = Jdbc.strings(target, "SELECT lo_key FROM " + Q + " WHERE table_name = ''");
    return names.isEmpty() ? "?" : names.get(0);
  }

  /** The saved plan of every table that has one (tables without a plan are absent). */
  static Map<String, List<Chunk>> load(Connection target, List<Table> tables) throws SQLException {
    Map<String, Table> byName = new LinkedHashMap<>();
    tables.forEach(t -> byName.put(t.name(), t));
    Map<String, List<Chunk>> plans = new LinkedHashMap<>();
    try (PreparedStatement select =
            target.prepareStatement(
                "SELECT table_name, chunk_no, lo_key, hi_key,"
                    + " planned_rows, copied_rows, done, source_crc_sum, source_md5_xor, snapshot FROM "
                    + Q
                    + " WHERE table_name <> '' ORDER BY table_name, chunk_no");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        Table table = byName.get(rows.getString(1));
        if (table == null) {
          throw new IllegalStateException(
              "The checkpoint table names "
                  + rows.getString(1)
                  + ", which the source no longer has: the source changed since the interrupted run; start over with --fresh");
        }
        Keyset keyset = new Keyset(table.key());
        boolean done = rows.getBoolean(7);
        plans
            .computeIfAbsent(table.name(), n -> new ArrayList<>())
            .add(
                new Chunk(
                    table,
                    rows.getInt(2),
                    keyset.decode(rows.getString(3)),
                    keyset.decode(rows.getString(4)),
                    rows.getLong(5),
                    rows.getLong(6),
                    done,
                    done ? digest(rows) : null,
                    rows.getString(10),
                    null));
      }
    }
    return plans;
  }

  /** Saves a table's plan in one transaction. */
  static void savePlan(Connection target, List<Chunk> chunks) throws SQLException {
    target.setAutoCommit(false);
    try (PreparedStatement insert =
        target.prepareStatement(
            "INSERT INTO "
                + Q
                + " (table_name, chunk_no, lo_key, hi_key, planned_rows) VALUES (?, ?, ?, ?, ?)")) {
      for (Chunk chunk : chunks) {
        Keyset keyset = new Keyset(chunk.table().key());
        insert.setString(1, chunk.table().name());
        insert.setInt(2, chunk.number());
        setText(insert, 3, keyset.encode(chunk.lo()));
        setText(insert, 4, keyset.encode(chunk.hi()));
        insert.setLong(5, chunk.plannedRows());
        insert.addBatch();
      }
      insert.executeBatch();
      target.commit();
    } finally {
      target.setAutoCommit(true);
    }
  }

  /**
   * Deletes from the target the rows of {@code chunk}'s key range when its table is not
   * transactional: there a rollback (or a crash before the commit) leaves the rows of a chunk whose
   * checkpoint did not commit, and copying the chunk again would duplicate them. Nothing to do for
   * InnoDB tables, nor for a table without a key (whose unfinished stream is emptied before it is
   * copied again).
   */
  static void clearUncommitted(Connection target, Chunk chunk) throws SQLException {
    Table table = chunk.table();
    if (table.transactional() || !table.keyed()) {
      return;
    }
    Keyset keyset = new Keyset(table.key());
    try (PreparedStatement delete =
        target.prepareStatement(
            "DELETE FROM " + table.quoted() + " WHERE " + keyset.where(chunk.lo(), chunk.hi()))) {
      keyset.bind(delete, 1, chunk.lo(), chunk.hi());
      delete.executeUpdate();
    }
  }

  /**
   * The source digest of the done chunk at the current row, or {@code null} for a chunk whose rows
   * were only counted ({@link Chunk#counted}).
   */
  private static RowHash digest(ResultSet rows) throws SQLException {
    long md5Xor = rows.getLong(9);
    return rows.wasNull() ? null : new RowHash(rows.getLong(6), rows.getLong(8), md5Xor);
  }

  /**
   * Marks {@code chunk} done inside the caller's open transaction; fails if it was done already
   * (another run copied it meanwhile), so that the caller rolls back instead of duplicating rows.
   */
  static void markDone(Connection target, Chunk chunk) throws SQLException {
    try (PreparedStatement update =
        target.prepareStatement(
            "UPDATE "
                + Q
                + " SET done = TRUE, copied_rows = ?,"
                + " done_at = CURRENT_TIMESTAMP(3), source_crc_sum = ?, source_md5_xor = ?, snapshot = LEFT(?, 512)"
                + " WHERE table_name = ? AND chunk_no = ? AND NOT done")) {
      update.setLong(1, chunk.copiedRows());
      if (chunk.sourceHash() == null) {
        update.setNull(2, Types.BIGINT);
        update.setNull(3, Types.BIGINT);
      } else {
        update.setLong(2, chunk.sourceHash().crcSum());
        update.setLong(3, chunk.sourceHash().md5Xor());
      }
      update.setString(4, chunk.snapshot());
      update.setString(5, chunk.table().name());
      update.setInt(6, chunk.number());
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException(
            "Chunk "
                + chunk
                + " is already done in the target: is another backup"
                + " into the same database running?");
      }
    }
  }

  static void drop(Connection target) throws SQLException {
    Jdbc.execute(target, "DROP TABLE IF EXISTS " + Q);
  }

  private static void setText(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
