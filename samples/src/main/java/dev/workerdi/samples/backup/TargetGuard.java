package dev.workerdi.samples.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Refuses a second run into the same target database while one is running: a named lock ({@code
 * GET_LOCK}, not waited for) on the target server, held on its own connection for the whole run and
 * released when the run ends ({@code RELEASE_LOCK}, answered before the next run can ask: a closed
 * session lets its locks go only once the server has processed the close) or its process dies. Not
 * thread-safe: one per run.
 */
final class TargetGuard implements AutoCloseable {
  private final Connection connection;
  private final String lock;

  private TargetGuard(Connection connection, String lock) {
    this.connection = connection;
    this.lock = lock;
  }

  /**
   * Takes the lock for {@code database} on {@code target}'s server.
   *
   * @throws BackupException if another run holds it
   */
  static TargetGuard acquire(Endpoint target, String database) {
    Connection connection = target.connect("");
    String name = lockName(database);
    try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      lock.setString(1, name);
      try (ResultSet result = lock.executeQuery()) {
        if (result.next() && result.getInt(1) == 1) {
          return new TargetGuard(connection, name);
        }
      }
      connection.close();
      throw new BackupException(
          "Refused: another backup into "
              + target.describe(database)
              + " is running"
              + " (it holds the lock "
              + name
              + " on the target server); wait for it to end, or"
              + " choose another target database",
          null);
    } catch (SQLException e) {
      close(connection);
      throw new BackupException(
          "Cannot lock the target database " + target.describe(database), target.masked(e));
    }
  }

  /** The lock's name: at most 64 characters, the same for every run into {@code database}. */
  static String lockName(String database) {
    String name = "workerdi.backup." + database;
    if (name.length() <= 64) {
      return name;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8));
      return "workerdi.backup." + HexFormat.of().formatHex(digest).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try (PreparedStatement release = connection.prepareStatement("DO RELEASE_LOCK(?)")) {
      release.setString(1, lock);
      release.execute();
    } catch (SQLException e) {
      // the connection is gone: the server releases the lock with the session
    } finally {
      close(connection);
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the server releases the named lock with the session
    }
  }
}
