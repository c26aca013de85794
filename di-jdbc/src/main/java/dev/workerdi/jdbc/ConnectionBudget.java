package dev.workerdi.jdbc;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.internal.HostList;
import dev.workerdi.jdbc.internal.JdbcErrors;
import dev.workerdi.jdbc.internal.LiveConnections;
import dev.workerdi.jdbc.internal.Logins;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check that the pools cannot open more connections than the server allows: (workers × maximum
 * pool size + {@value #CONTROL_CONNECTIONS} control connection) × instances + reserve, plus what
 * other running instances of the same application already hold or may open there, against the live
 * {@code max_connections} of every node the URL names (20 worker processes each keeping persistent
 * connections exhaust a server long before anyone notices). Other instances are found by the
 * connection attributes every pool sends ({@code program_name} = {@link
 * JdbcSettings#application()}, and an instance id) when the server's {@code performance_schema} is
 * on, else by user name and default database in {@code PROCESSLIST}. Run at boot, before any worker
 * starts, over one short-lived connection per node. Stateless and thread-safe.
 */
public final class ConnectionBudget {
  /**
   * Server connections an instance holds beside its pools, for each database ({@code JdbcModule}):
   * its control connection to a node, over which a cancel sends {@code KILL QUERY} when none of the
   * pool's own connections there is free (a statement being cancelled cannot carry its own kill),
   * opened for a burst of cancels and closed 1 s after the last. It belongs to no pool, so a pool
   * never holds more than its maximum size; the budget counts it once per instance, so the server
   * never holds more than the budget says.
   */
  public static final int CONTROL_CONNECTIONS = 1;

  /** At or above this share of {@code max_connections} the check warns. */
  public static final double WARN_SHARE = 0.8;

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);

  private ConnectionBudget() {}

  /**
   * The outcome of a budget check on one server (one node).
   *
   * @param node the node, {@code host:port} as in the URL ({@code null} when computed without a
   *     server)
   * @param maxConnections the node's {@code max_connections}
   * @param workers workers per instance
   * @param poolSize maximum pool size per worker
   * @param instances application instances (not yet running) this configuration accounts for
   * @param reserve connections kept free for other clients
   * @param othersHold connections other running instances of the application hold there now
   * @param othersMayOpen what they may hold (their pools' maximum sizes, at least {@code
   *     othersHold})
   * @param othersCountedBy who the others are and how they were counted (follows {@code
   *     othersMayOpen} in {@link #arithmetic()}), or {@code null} when no server was read
   * @param needed (workers × poolSize + {@value #CONTROL_CONNECTIONS}) × instances + reserve +
   *     othersMayOpen
   */
  public record Report(
      String node,
      int maxConnections,
      int workers,
      int poolSize,
      int instances,
      int reserve,
      int othersHold,
      int othersMayOpen,
      String othersCountedBy,
      int needed) {
    /** Whether the pools fit, but use {@link #WARN_SHARE} or more of the server's connections. */
    public boolean nearLimit() {
      return needed >= WARN_SHARE * maxConnections && needed <= maxConnections;
    }

    /** Whether the pools may open more connections than the server allows. */
    public boolean overLimit() {
      return needed > maxConnections;
    }

    /** The arithmetic, as printed in messages and logs. */
    public String arithmetic() {
      String others = othersCountedBy == null ? "" : " + " + othersMayOpen + " " + othersCountedBy;
      return "("
          + workers
          + " worker(s) x "
          + poolSize
          + " connection(s) + "
          + CONTROL_CONNECTIONS
          + " control) x "
          + instances
          + " instance(s) + "
          + reserve
          + " reserve"
          + others
          + " = "
          + needed
          + " needed; "
          + where()
          + " allows max_connections = "
          + maxConnections;
    }

    private String where() {
      return node == null ? "the server" : "node " + node;
    }
  }

  /**
   * Checks the budget on every node the URL names; throws ({@code BUDGET_EXCEEDED}) when it is over
   * on any of them, else returns the report of the node with the least room.
   */
  public static Report check(JdbcSettings settings, int workers) {
    List<Report> reports = checkAll(settings, workers);
    return reports.stream()
        .max(Comparator.comparingDouble(r -> (double) r.needed() / r.maxConnections()))
        .get();
  }

  /** The reports of every reachable node the URL names; throws when over budget on any of them. */
  public static List<Report> checkAll(JdbcSettings settings, int workers) {
    HostList hosts = HostList.parse(settings.jdbcUrl());
    List<Report> reports = new ArrayList<>();
    SQLException firstFailure = null;
    for (int i = 0; i < Math.max(1, hosts.hosts().size()); i++) {
      String url = hosts.hosts().isEmpty() ? settings.jdbcUrl() : hosts.single(i);
      String node = hosts.multiHost() ? hosts.hosts().get(i) : null;
      try {
        reports.add(compute(read(settings, url), node, settings, workers));
      } catch (SQLException e) {
        if (!hosts.multiHost()) {
          throw JdbcErrors.unreachableAtStart(
              settings.poolName() + " (budget check)", settings.jdbcUrl(), e);
        }
        LOG.warn(
            "Budget check of pool {}: node {} cannot be reached, it is left out: {}",
            settings.poolName(),
            node,
            e.toString());
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (reports.isEmpty()) {
      throw JdbcErrors.unreachableAtStart(
          settings.poolName() + " (budget check)", settings.jdbcUrl(), firstFailure);
    }
    for (Report report : reports) {
      if (report.overLimit()) {
        throw over(settings, report);
      }
    }
    return List.copyOf(reports);
  }

  /** The arithmetic alone, for a known {@code max_connections} and no other running instance. */
  public static Report compute(int maxConnections, JdbcSettings settings, int workers) {
    return compute(new LiveConnections(maxConnections, 0, 0, 0, null), null, settings, workers);
  }

  private static Report compute(
      LiveConnections live, String node, JdbcSettings settings, int workers) {
    int needed =
        (workers * settings.maximumPoolSize() + CONTROL_CONNECTIONS) * settings.instances()
            + settings.reserve()
            + live.othersMayOpen();
    return new Report(
        node,
        live.maxConnections(),
        workers,
        settings.maximumPoolSize(),
        settings.instances(),
        settings.reserve(),
        live.othersHold(),
        live.othersMayOpen(),
        live.source(),
        needed);
  }

  static DiException over(JdbcSettings settings, Report report) {
    return DiException.builder(
            ErrorId.BUDGET_EXCEEDED,
            "Pool "
                + settings.poolName()
                + " may open "
                + report.needed()
                + " connections but "
                + report.where()
                + " allows "
                + report.maxConnections())
        .field("budget", report.arithmetic())
        .fix(
            "Lower maximumPoolSize or the number of workers, run fewer instances, or raise the server's "
                + "max_connections (SET GLOBAL max_connections = n, and in its configuration file).")
        .build();
  }

  private static LiveConnections read(JdbcSettings settings, String url) throws SQLException {
    Properties login = Logins.of(settings, new Properties());
    if (HostList.parse(url).option("connectTimeout").isEmpty()) {
      login.setProperty("connectTimeout", "3000");
    }
    try (Connection connection = DriverManager.getConnection(url, login)) {
      return LiveConnections.read(connection, settings.application(), settings.instanceId());
    }
  }
}
