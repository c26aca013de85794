package dev.workerdi.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What a {@link GaleraNode} says about itself: its status variables over SQL, waits for a state
 * (polling every 200 ms, failing with the end of the node's error log), and its log. Immutable and
 * thread-safe; each call opens its own connection.
 */
final class NodeProbe {
  private final int index;
  private final GaleraFiles files;
  private final LongSupplier pid;

  NodeProbe(int index, GaleraFiles files, LongSupplier pid) {
    this.index = index;
    this.files = files;
    this.pid = pid;
  }

  private String url(String database) {
    return "jdbc:mysql://127.0.0.1:" + files.sqlPort() + "/" + database;
  }

  /**
   * A new connection to this node alone, whose reads wait until the node has applied every write
   * the cluster committed before them ({@code wsrep_sync_wait=1}), so tests can count rows on any
   * node right after writing through another; the caller closes it.
   */
  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        url(database)
            + "?connectTimeout=2000&socketTimeout=30000"
            + "&sessionVariables=wsrep_sync_wait=1",
        GaleraCluster.USER,
        "");
  }

  private Connection connectForStatus() throws SQLException {
    return DriverManager.getConnection(
        url("") + "?connectTimeout=2000&socketTimeout=10000", GaleraCluster.USER, "");
  }

  /**
   * A {@code SHOW STATUS} value, such as {@code wsrep_local_state_comment} or {@code
   * wsrep_cluster_status}.
   */
  String status(String variable) throws SQLException {
    try (Connection c = connectForStatus();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SHOW STATUS LIKE '" + variable.replace("'", "") + "'")) {
      return rows.next() ? rows.getString(2) : null;
    }
  }

  /** Waits until the node is {@code Synced} with a primary component of the given size. */
  void awaitSynced(int clusterSize, Duration timeout) {
    await(
        timeout,
        "Synced with a primary component of " + clusterSize,
        () ->
            "Synced".equals(status("wsrep_local_state_comment"))
                && "Primary".equals(status("wsrep_cluster_status"))
                && Integer.toString(clusterSize).equals(status("wsrep_cluster_size")));
  }

  /** Waits until the node reports {@code wsrep_cluster_status} {@code non-Primary}. */
  void awaitNonPrimary(Duration timeout) {
    await(timeout, "non-Primary", () -> "non-Primary".equals(status("wsrep_cluster_status")));
  }

  void awaitSql(Duration timeout) {
    await(timeout, "answering SQL", () -> status("wsrep_cluster_status") != null);
  }

  private interface Check {
    boolean done() throws SQLException;
  }

  private void await(Duration timeout, String what, Check check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (pid.getAsLong() < 0) {
        throw new IllegalStateException(
            "node "
                + index
                + " is not running (waiting for it to be "
                + what
                + "); its log ends:\n"
                + logTail());
      }
      try {
        if (check.done()) {
          return;
        }
      } catch (SQLException e) {
        last = e;
      }
      sleep();
    }
    throw new IllegalStateException(
        "node "
            + index
            + " was not "
            + what
            + " within "
            + timeout.toSeconds()
            + " s (last error: "
            + last
            + "); its log ends:\n"
            + logTail(),
        last);
  }

  /** The last lines of the node's error log, for failure messages. */
  String logTail() {
    try {
      List<String> lines =
          Files.exists(files.errorLog()) ? Files.readAllLines(files.errorLog()) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + files.errorLog() + ": " + e + ")";
    }
  }

  /** Whether the error log says the last join was an incremental state transfer (IST). */
  boolean joinedByIst() {
    String log;
    try {
      log = Files.readString(files.errorLog());
    } catch (IOException e) {
      return false;
    }
    int lastStart = log.lastIndexOf("Starting MariaDB");
    String tail = lastStart < 0 ? log : log.substring(lastStart);
    return tail.contains("IST received") || tail.contains("Receiving IST");
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a Galera node", e);
    }
  }
}
