package dev.workerdi.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MariaDB/MySQL account made for one test, {@code 'rel_…'@'%'} identified by {@link
 * Secrets#PASSWORD}, with all privileges on the given databases only; dropped by {@link #close()}.
 * The harness' own account (root) stays the administrator that creates it, kills its connections
 * and reads the process list. Immutable and thread-safe.
 *
 * @param name the account's user name
 * @param admin how to open an administrator connection
 */
public record TestUser(String name, Admin admin) implements AutoCloseable {
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  /** Opens administrator connections (the harness' account, or an embedded server's root). */
  @FunctionalInterface
  public interface Admin {
    Connection connect() throws SQLException;
  }

  public static TestUser create(DatabaseServer server, String... databases) {
    return create(() -> server.connect(""), databases);
  }

  public static TestUser create(
      String serverUrl, String adminUser, String adminPassword, String... databases) {
    return create(
        () -> DriverManager.getConnection(serverUrl, adminUser, adminPassword), databases);
  }

  public static TestUser create(Admin admin, String... databases) {
    String name = "rel_" + ProcessHandle.current().pid() + "_" + NUMBERS.incrementAndGet();
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
      s.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + Secrets.PASSWORD + "'");
      for (String database : databases) {
        s.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + name + "'@'%'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create the test user " + name + ": " + e.getMessage(), e);
    }
    return new TestUser(name, admin);
  }

  public String password() {
    return Secrets.PASSWORD;
  }

  /** How many server connections this user has now (from the administrator's process list). */
  public long connections() throws SQLException {
    try (Connection c = admin.connect()) {
      return ids(c).size();
    }
  }

  /**
   * This user's server connections once they are {@code count}, or after 30 s, whichever comes
   * first: the server forgets a session a moment after the client closed it, so a count taken at
   * once can still list a connection that was just closed.
   */
  public long awaitConnections(long count) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long now;
    while ((now = connections()) != count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return now;
  }

  /** Kills every server connection of this user; returns their ids. */
  public List<Long> killAll() throws SQLException {
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      List<Long> ids = ids(c);
      for (long id : ids) {
        try {
          s.execute("KILL CONNECTION " + id);
        } catch (SQLException gone) {
          // ended between the list and the kill
        }
      }
      return ids;
    }
  }

  /** The server connection ids of this user now. */
  public List<Long> ids(Connection admin) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement s = admin.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + name + "'")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  /** An administrator connection (the harness' account), for checks of what this user holds. */
  public Connection adminConnection() throws SQLException {
    return admin.connect();
  }

  @Override
  public void close() {
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
    } catch (SQLException e) {
      System.err.println("Cannot drop the test user " + name + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "TestUser[" + name + ", password=******]";
  }
}
