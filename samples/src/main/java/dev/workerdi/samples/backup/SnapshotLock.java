package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The brief global lock under which every copying coroutine opens its {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT}, so that all of them read the source as of one point in time. On its own
 * connection (outside the pools): MariaDB 10.4+ {@code BACKUP STAGE START} + {@code BACKUP STAGE
 * BLOCK_COMMIT} (commits wait, running statements do not), otherwise {@code FLUSH TABLES WITH READ
 * LOCK}; while it is held, the binlog position and GTID are read. {@link #close()} releases it. Not
 * thread-safe: one per run, used by one thread.
 */
final class SnapshotLock implements AutoCloseable {
  private final Connection connection;
  private final boolean backupStage;
  private final SnapshotPoint point;

  private SnapshotLock(Connection connection, boolean backupStage, SnapshotPoint point) {
    this.connection = connection;
    this.backupStage = backupStage;
    this.point = point;
  }

  /** Takes the lock on the source server, waiting at most {@code waitSeconds} for it. */
  static SnapshotLock acquire(Endpoint source, int waitSeconds) {
    Connection connection = source.connect("");
    try {
      String version = Jdbc.strings(connection, "SELECT VERSION()").get(0);
      boolean backupStage = backupStage(version);
      Jdbc.execute(connection, "SET SESSION lock_wait_timeout = " + waitSeconds);
      if (backupStage) {
        Jdbc.execute(connection, "BACKUP STAGE START");
        Jdbc.execute(connection, "BACKUP STAGE BLOCK_COMMIT");
      } else {
        Jdbc.execute(connection, "FLUSH TABLES WITH READ LOCK");
      }
      String how = backupStage ? "BACKUP STAGE BLOCK_COMMIT" : "FLUSH TABLES WITH READ LOCK";
      return new SnapshotLock(connection, backupStage, position(connection, version, how));
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new BackupException(
          "Cannot take the global lock for a consistent snapshot on the source server "
              + source.describe("")
              + " (it needs the RELOAD privilege; it waited at most "
              + waitSeconds
              + " s for running statements): grant RELOAD, or pass --no-lock (noLock(true)) to copy without one"
              + " consistent snapshot",
          source.masked(e));
    }
  }

  /** Where the snapshot is: read while the lock is held. */
  SnapshotPoint point() {
    return point;
  }

  static boolean backupStage(String version) {
    if (!version.contains("MariaDB")) {
      return false;
    }
    String[] parts = version.split("[.-]");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    return major > 10 || major == 10 && minor >= 4;
  }

  private static SnapshotPoint position(Connection connection, String version, String how)
      throws SQLException {
    String file = null;
    long position = -1;
    for (String sql : new String[] {"SHOW MASTER STATUS", "SHOW BINARY LOG STATUS"}) {
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery(sql)) {
        if (rows.next()) {
          file = rows.getString(1);
          position = rows.getLong(2);
        }
        break;
      } catch (SQLException unsupported) {
        // MySQL 8.4 has only SHOW BINARY LOG STATUS; older servers only SHOW MASTER STATUS
      }
    }
    String gtid =
        Jdbc.strings(
                connection,
                version.contains("MariaDB")
                    ? "SELECT @@gtid_binlog_pos"
                    : "SELECT @@GLOBAL.gtid_executed")
            .get(0);
    return new SnapshotPoint(how, file, position, gtid == null ? "" : gtid, Instant.now());
  }

  /** Releases the lock and closes its connection. */
  @Override
  public void close() {
    try {
      Jdbc.execute(connection, backupStage ? "BACKUP STAGE END" : "UNLOCK TABLES");
    } catch (SQLException e) {
      // closing the connection below releases the lock as well
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the server drops the session and its lock
    }
  }
}
