package dev.workerdi.jdbc.reliability;

import dev.workerdi.jdbc.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
record TestUser(String name, Admin admin) implements AutoCloseable {
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  /** Opens administrator connections (the harness' account, or an embedded server's root). */
  @FunctionalInterface
  interface Admin {
    Connection connect() throws SQLException;
  }

  static TestUser create(DatabaseServer server, String... databases) {
    return create(() -> server.connect(""), databases);
  }

  static TestUser create(String serverUrl, String adminUser, String adminPassword, String... databases) {
    return create(() -> DriverManager.getConnection(serverUrl, adminUser, adminPassword), databases);
  }

  static TestUser create(Admin admin, String... databases) {
    String name = "rel_" + ProcessHandle.current().pid() + "_" + NUMBERS.incrementAndGet();
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
      s.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + Secrets.PASSWORD + "'");
      for (String database : databases) {
        s.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + name + "'@'%'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the test user " + name + ": " + e.getMessage(), e);
    }
    return new TestUser(name, admin);
  }

  String password() {
    return Secrets.PASSWORD;
  }

  /** How many server connections this user has now (from the administrator's process list). */
  long connections() throws SQLException {
    try (Connection c = admin.connect()) {
      return Sql.number(c, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" + name + "'");
    }
  }

  /** Kills every server connection of this user; returns their ids. */
  List<Long> killAll() throws SQLException {
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
      List<Long> ids = Sql.numbers(c, "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '"
          + name + "'");
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

  @Override
  public void close() {
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
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
