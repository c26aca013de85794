package dev.workerdi.jdbc.cluster;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * What the cluster tests add to {@link Hosts} and {@link Sql}: settings whose {@link JdbcModule}
 * names every node of the test cluster, a longer stop, and per-node queries.
 */
final class ClusterHosts {
  private ClusterHosts() {}

  static JdbcSettings settings(GaleraCluster cluster, String db, int poolSize, Object... extra) {
    return Hosts.settings(
        cluster.jdbcUrl(db), cluster.user(), cluster.password(), poolSize, Hosts.noIdle(extra));
  }

  /** Stops the host after checking that no lease is out and no pool connection is active. */
  static void stop(WorkerHost host) throws Exception {
    Hosts.stop(host, Duration.ofSeconds(30));
  }

  /** The SQL port of the node at the other end of {@code connection}. */
  static int port(Connection connection) throws SQLException {
    return (int) Sql.scalar(connection, "SELECT @@port");
  }

  static long count(GaleraNode node, String db, String sql) throws SQLException {
    try (Connection c = node.connect(db)) {
      return Sql.scalar(c, sql);
    }
  }

  /**
   * Statements still running on {@code node} in database {@code db} (not idle in {@code Sleep}).
   */
  static List<String> running(GaleraNode node, String db) throws SQLException {
    try (Connection c = node.connect("")) {
      return Sql.statementsRunning(c, db);
    }
  }

  /**
   * A connection to {@code node} alone whose reads do not wait for the node to catch up with the
   * cluster (unlike {@link GaleraNode#connect}): for watching a node whose applier may be stuck.
   */
  static Connection observer(GaleraCluster cluster, GaleraNode node) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mysql://" + node.address() + "/?connectTimeout=2000&socketTimeout=30000",
        cluster.user(),
        cluster.password());
  }

  /** What {@code c}'s node shows of its sessions and InnoDB transactions, for failure messages. */
  static String sessions(Connection c) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT ID, DB, COMMAND, TIME, STATE, INFO FROM information_schema.PROCESSLIST"
                    + " WHERE ID <> CONNECTION_ID()")) {
      while (rows.next()) {
        text.append("[").append(rows.getLong(1)).append(" ").append(rows.getString(2));
        text.append(" ").append(rows.getString(3)).append(" ").append(rows.getLong(4));
        text.append("s ").append(rows.getString(5)).append(" ").append(rows.getString(6));
        text.append("] ");
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT trx_mysql_thread_id, trx_state, trx_query FROM information_schema.INNODB_TRX")) {
      while (rows.next()) {
        text.append("{trx of ").append(rows.getLong(1)).append(": ").append(rows.getString(2));
        text.append(" ").append(rows.getString(3)).append("} ");
      }
    }
    return text.toString().trim();
  }
}
