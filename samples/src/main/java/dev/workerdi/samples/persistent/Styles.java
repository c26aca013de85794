package dev.workerdi.samples.persistent;

import dev.workerdi.samples.SampleDatabase;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The three ways of serving a request, and the polluting request and its inspection. The providers
 * are called inside each request's coroutine: {@code leases} gives that coroutine's lease, {@code
 * persistent} its worker's persistent connection. Thread-safe.
 */
final class Styles {
  private final Provider<Connection> leases;
  private final Provider<PersistentConnection> persistent;
  private final SampleDatabase db;

  Styles(Provider<Connection> leases, Provider<PersistentConnection> persistent, SampleDatabase db) {
    this.leases = leases;
    this.persistent = persistent;
    this.db = db;
  }

  void perRequest(int n) throws SQLException {
    try (Connection connection = db.connect("persistent_demo")) {
      work(connection, n);
    }
  }

  void persistent(int n) throws Exception {
    persistentConnection().use(connection -> {
      work(connection, n);
      return null;
    });
  }

  void lease(int n) throws SQLException {
    work(leases.get(), n);
  }

  private static void work(Connection connection, int n) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT " + n + " + 1")) {
      rows.next();
    }
  }

  private PersistentConnection persistentConnection() {
    return persistent.get();
  }

  /** A request that forgets to commit, sets a session variable and takes a user lock. */
  static void pollute(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET @user_id = 42");
      s.execute("SET SESSION sql_mode = 'ANSI_QUOTES'");
      s.execute("DO GET_LOCK('report', 0)");
      s.execute("START TRANSACTION");
      s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS scratch (id INT)");
    }
  }

  /** What the next request finds left over. */
  static List<String> inspect(Connection connection) throws SQLException {
    List<String> leaks = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
        "SELECT @user_id, @@in_transaction, @@sql_mode, IS_USED_LOCK('report') = CONNECTION_ID()")) {
      rows.next();
      add(leaks, rows.getString(1) != null, "user variable @user_id");
      add(leaks, rows.getInt(2) == 1, "open transaction");
      add(leaks, "ANSI_QUOTES".equals(rows.getString(3)), "sql_mode");
      add(leaks, rows.getInt(4) == 1, "user lock 'report'");
    }
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
        "SELECT COUNT(*) FROM information_schema.temporary_tables WHERE table_name = 'scratch'")) {
      rows.next();
      add(leaks, rows.getInt(1) > 0, "temporary table");
    } catch (SQLException notOnThisServer) {
      // MySQL has no temporary_tables view: the other checks still run
    }
    return leaks;
  }

  private static void add(List<String> leaks, boolean leaked, String what) {
    if (leaked) {
      leaks.add(what);
    }
  }

  void persistentPolluting() throws Exception {
    persistentConnection().use(connection -> {
      pollute(connection);
      return null;
    });
  }

  List<String> persistentInspect() throws Exception {
    return persistentConnection().use(Styles::inspect);
  }

  void leasePolluting() throws SQLException {
    pollute(leases.get());
  }

  List<String> leaseInspect() throws SQLException {
    return inspect(leases.get());
  }
}
