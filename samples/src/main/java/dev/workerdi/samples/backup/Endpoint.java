package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One side of a backup, {@code source} or {@code target}: its server URL, user and password. Its
 * connections fail with a {@link BackupException} that names the side, the URL and the user, never
 * the password. Immutable and thread-safe.
 *
 * @param side {@code "source"} or {@code "target"}
 * @param serverUrl the server's JDBC URL, its database part ignored
 * @param user the user
 * @param password the password ({@code ""} for none); never shown
 */
record Endpoint(String side, String serverUrl, String user, String password) {

  /** The URL of {@code database} on this side's server ({@code ""} for none). */
  String url(String database) {
    return Jdbc.withDatabase(serverUrl, database);
  }

  /** Where {@code database} is, for messages: URL and user, no password. */
  String describe(String database) {
    return Jdbc.mask(url(database), password) + " (user " + user + ")";
  }

  /**
   * A connection outside any pool to {@code database} ({@code ""} for none); the caller closes it.
   */
  Connection connect(String database) {
    try {
      return Jdbc.connect(url(database), user, password);
    } catch (SQLException e) {
      throw new BackupException(
          "Cannot connect to the " + side + " server " + describe(database), masked(e));
    }
  }

  /** {@code e} with this side's password masked in its message. */
  SQLException masked(SQLException e) {
    return new SQLException(Jdbc.mask(e.getMessage(), password), e.getSQLState(), e.getErrorCode());
  }
}
