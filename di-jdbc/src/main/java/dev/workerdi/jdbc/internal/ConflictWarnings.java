package dev.workerdi.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a Galera node's warnings tell about a 1213 that failed a statement: {@code SHOW WARNINGS},
 * read on the same connection right after the error (before the rollback clears them). When a
 * replicated write set aborts a statement while it runs (a certification conflict, Galera's
 * brute-force abort), the node lists 1213 and 1317 ({@code Query execution was interrupted}); a
 * local InnoDB deadlock lists 1213 alone (measured on MariaDB 10.11 with and without Galera), and
 * so does a write set aborting a transaction between its statements: that case cannot be told apart
 * from a deadlock. Stateless and thread-safe. Not a supported API.
 */
final class ConflictWarnings {
  /** ER_QUERY_INTERRUPTED. */
  static final int INTERRUPTED = 1317;

  private ConflictWarnings() {}

  /** Whether the last statement on {@code connection} failed with 1213 and was interrupted. */
  static boolean abortedByWriteSet(Connection connection) throws SQLException {
    boolean deadlock = false;
    boolean interrupted = false;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW WARNINGS")) {
      while (rows.next()) {
        int code = rows.getInt(2);
        deadlock |= code == Retry.DEADLOCK;
        interrupted |= code == INTERRUPTED;
      }
    }
    return deadlock && interrupted;
  }
}
