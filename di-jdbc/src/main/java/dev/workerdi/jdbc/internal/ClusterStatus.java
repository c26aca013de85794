package dev.workerdi.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one Galera node says about its place in the cluster: {@code wsrep_cluster_status} ({@code
 * Primary}, {@code non-Primary}, {@code Disconnected}), {@code wsrep_ready}, {@code
 * wsrep_cluster_size} and {@code wsrep_local_state_comment}, read with one {@code SHOW GLOBAL
 * STATUS}, which a node outside the primary component still answers. A server without a wsrep
 * provider (a plain MariaDB shows {@code Disconnected} and an empty {@code wsrep_provider_name};
 * MySQL has none of these variables) is not a cluster node. Immutable and thread-safe. Not a
 * supported API.
 */
record ClusterStatus(String clusterStatus, String ready, String clusterSize, String localState) {
  static final String QUERY =
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_provider_name', 'wsrep_cluster_status',"
          + " 'wsrep_ready', 'wsrep_cluster_size', 'wsrep_local_state_comment')";

  /** The node's status, or empty when the server behind {@code connection} is no Galera node. */
  static Optional<ClusterStatus> read(Connection connection) throws SQLException {
    Map<String, String> values = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        values.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
      }
    }
    String provider = values.getOrDefault("wsrep_provider_name", "");
    if (provider == null || provider.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new ClusterStatus(
            values.getOrDefault("wsrep_cluster_status", "?"),
            values.getOrDefault("wsrep_ready", "?"),
            values.getOrDefault("wsrep_cluster_size", "?"),
            values.getOrDefault("wsrep_local_state_comment", "?")));
  }

  /** Whether the node takes statements: in the primary component and ready. */
  boolean accepting() {
    return "Primary".equalsIgnoreCase(clusterStatus) && "ON".equalsIgnoreCase(ready);
  }

  @Override
  public String toString() {
    return "wsrep_cluster_status = "
        + clusterStatus
        + ", wsrep_ready = "
        + ready
        + ", wsrep_cluster_size = "
        + clusterSize
        + ", wsrep_local_state_comment = "
        + localState;
  }
}
