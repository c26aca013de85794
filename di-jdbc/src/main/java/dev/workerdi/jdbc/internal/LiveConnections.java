package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.ConnectionBudget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What one server (one node of a cluster) allows and what other running instances of the same
 * application hold there, read over one connection at boot. With {@code performance_schema} on, the
 * connection attributes of {@link ConnectionAttributes} name each connection's application,
 * instance and pool, so an instance counts as the larger of its live connections and its pools'
 * maximum sizes; with it off (or not readable by the user), {@code information_schema.PROCESSLIST}
 * cannot tell applications apart, and every other session of the same user on the same default
 * database counts. Stateless and thread-safe. Not a supported API.
 *
 * @param maxConnections the server's {@code max_connections}
 * @param othersHold connections the other instances (or, by user, the other connections) hold now
 * @param othersMayOpen what they may hold: at least {@code othersHold}
 * @param otherInstances how many other instances were seen (0 when counted by user)
 * @param source who they are and how they were counted, for messages: follows the number {@code
 *     othersMayOpen}
 */
public record LiveConnections(
    int maxConnections, int othersHold, int othersMayOpen, int otherInstances, String source) {
  private static final String ATTRIBUTES =
      "SELECT a.PROCESSLIST_ID, a.ATTR_NAME, a.ATTR_VALUE "
          + "FROM performance_schema.session_connect_attrs a JOIN performance_schema.session_connect_attrs p "
          + "ON p.PROCESSLIST_ID = a.PROCESSLIST_ID AND p.ATTR_NAME = '"
          + ConnectionAttributes.PROGRAM
          + "' "
          + "WHERE p.ATTR_VALUE = ? AND a.PROCESSLIST_ID <> CONNECTION_ID() AND a.ATTR_NAME IN ('"
          + ConnectionAttributes.INSTANCE
          + "', '"
          + ConnectionAttributes.POOL
          + "', '"
          + ConnectionAttributes.MAX
          + "')";

  /** {@code ER_TABLEACCESS_DENIED_ERROR}: no SELECT on performance_schema. */
  private static final int TABLE_ACCESS_DENIED = 1142;

  private static final String BY_USER =
      "SELECT COUNT(*) FROM information_schema.PROCESSLIST "
          + "WHERE USER = SUBSTRING_INDEX(USER(), '@', 1) AND DB <=> DATABASE() AND ID <> CONNECTION_ID()";

  /** Reads the server at the other end of {@code connection}. */
  public static LiveConnections read(Connection connection, String application, String ownInstance)
      throws SQLException {
    int max;
    boolean attributes;
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery("SELECT @@max_connections, @@performance_schema")) {
      rows.next();
      max = rows.getInt(1);
      attributes = rows.getBoolean(2);
    }
    if (!attributes) {
      return byUser(connection, max, "performance_schema is off");
    }
    try {
      return byAttributes(connection, max, application, ownInstance);
    } catch (SQLException e) {
      if (e.getErrorCode() != TABLE_ACCESS_DENIED) {
        throw e;
      }
      return byUser(
          connection, max, "this user may not read performance_schema.session_connect_attrs");
    }
  }

  private static LiveConnections byUser(Connection connection, int max, String why)
      throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(BY_USER)) {
      rows.next();
      int held = rows.getInt(1);
      return new LiveConnections(
          max,
          held,
          held,
          0,
          "open by other sessions of this user on this database ("
              + why
              + ": applications cannot be told apart)");
    }
  }

  private static LiveConnections byAttributes(
      Connection connection, int max, String application, String ownInstance) throws SQLException {
    Map<Long, Map<String, String>> sessions = new HashMap<>();
    try (PreparedStatement s = connection.prepareStatement(ATTRIBUTES)) {
      s.setString(1, ConnectionAttributes.clean(application));
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          sessions
              .computeIfAbsent(rows.getLong(1), id -> new HashMap<>())
              .put(rows.getString(2), rows.getString(3));
        }
      }
    }
    Map<String, Integer> live = new HashMap<>();
    Map<String, Map<String, Integer>> pools = new HashMap<>();
    sessions
        .values()
        .forEach(
            attributes -> {
              String instance = attributes.getOrDefault(ConnectionAttributes.INSTANCE, "?");
              if (!instance.equals(ConnectionAttributes.clean(ownInstance))) {
                live.merge(instance, 1, Integer::sum);
                pools
                    .computeIfAbsent(instance, i -> new HashMap<>())
                    .merge(
                        attributes.getOrDefault(ConnectionAttributes.POOL, "?"),
                        number(attributes),
                        Math::max);
              }
            });
    int held = live.values().stream().mapToInt(Integer::intValue).sum();
    int mayOpen = 0;
    for (String instance : live.keySet()) {
      int maximum =
          pools.get(instance).values().stream().mapToInt(Integer::intValue).sum()
              + ConnectionBudget.CONTROL_CONNECTIONS;
      mayOpen += Math.max(live.get(instance), maximum);
    }
    return new LiveConnections(
        max,
        held,
        mayOpen,
        live.size(),
        "for "
            + live.size()
            + " other running instance(s) of application "
            + application
            + " ("
            + held
            + " open now, counted up to "
            + "their pools' maximum and a control connection each)");
  }

  private static int number(Map<String, String> attributes) {
    try {
      return Integer.parseInt(attributes.getOrDefault(ConnectionAttributes.MAX, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
