package dev.workerdi.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a caller changed through one {@link LeaseView}: the values before its first change of
 * autocommit, read-only and isolation, so that closing the view restores them as a pool's close
 * would, rolling back work left uncommitted when it had turned autocommit off. Not thread-safe (one
 * view, one coroutine). Not a supported API.
 */
final class ViewChanges {
  private Boolean autoCommit;
  private Boolean readOnly;
  private Integer isolation;

  void autoCommit(Connection connection) throws SQLException {
    if (autoCommit == null) {
      autoCommit = connection.getAutoCommit();
    }
  }

  void readOnly(Connection connection) throws SQLException {
    if (readOnly == null) {
      readOnly = connection.isReadOnly();
    }
  }

  void isolation(Connection connection) throws SQLException {
    if (isolation == null) {
      isolation = connection.getTransactionIsolation();
    }
  }

  /** Rolls back what the view left uncommitted with autocommit off, then restores the settings. */
  void undo(Connection connection) throws SQLException {
    if (autoCommit != null && autoCommit != connection.getAutoCommit()) {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      connection.setAutoCommit(autoCommit);
    }
    if (readOnly != null && readOnly != connection.isReadOnly()) {
      connection.setReadOnly(readOnly);
    }
    if (isolation != null && isolation != connection.getTransactionIsolation()) {
      connection.setTransactionIsolation(isolation);
    }
  }
}
