package dev.workerdi.samples.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MariaDB/MySQL account for one test, {@code 'rel_…'@'%'} identified by {@link Secrets#PASSWORD},
 * with all privileges on the named databases (which need not exist yet); the administrator (the
 * harness' root) creates it, kills its connections and drops it at {@link #close()}. Thread-safe.
 *
 * @param name the account's user name
 * @param adminUrl a JDBC URL of the server, without a database
 * @param adminUser the administrator
 * @param adminPassword the administrator's password
 */
record Account(String name, String adminUrl, String adminUser, String adminPassword) implements AutoCloseable {
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  static Account create(String adminUrl, String adminUser, String adminPassword, String... databases)
      throws SQLException {
    Account account = new Account("rel_s" + ProcessHandle.current().pid() + "_" + NUMBERS.incrementAndGet(),
        adminUrl, adminUser, adminPassword);
    try (Connection c = account.admin(); Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + account.name + "'@'%'");
      s.execute("CREATE USER '" + account.name + "'@'%' IDENTIFIED BY '" + Secrets.PASSWORD + "'");
      for (String database : databases) {
        s.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + account.name + "'@'%'");
      }
    }
    return account;
  }

  Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
  }

  /** Kills every server connection of this account; returns how many. */
  int killAll() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      try (ResultSet rows = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + name + "'")) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      for (long id : ids) {
        try {
          s.execute("KILL CONNECTION " + id);
        } catch (SQLException gone) {
          // it ended meanwhile
        }
      }
    }
    return ids.size();
  }

  @Override
  public void close() {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
    } catch (SQLException e) {
      System.err.println("Cannot drop the test account " + name + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Account[" + name + ", password=******]";
  }
}
