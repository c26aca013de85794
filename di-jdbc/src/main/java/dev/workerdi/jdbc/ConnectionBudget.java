package dev.workerdi.jdbc;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.internal.JdbcErrors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The check that the pools cannot open more connections than the server allows: workers × maximum
 * pool size × application instances + reserve, against the live server's {@code max_connections}
 * (the seeds' "20 children × persistent links" trap). Run at boot, before any worker starts, over
 * one short-lived connection of its own. Stateless and thread-safe.
 */
public final class ConnectionBudget {
  /** At or above this share of {@code max_connections} the check warns. */
  public static final double WARN_SHARE = 0.8;

  private ConnectionBudget() {}

  /**
   * The outcome of a budget check.
   *
   * @param maxConnections the server's {@code max_connections}
   * @param workers workers per instance
   * @param poolSize maximum pool size per worker
   * @param instances application instances sharing the server
   * @param reserve connections kept free for other clients
   * @param needed workers × poolSize × instances + reserve
   */
  public record Report(int maxConnections, int workers, int poolSize, int instances, int reserve, int needed) {
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
      return workers + " worker(s) x " + poolSize + " connection(s) x " + instances + " instance(s) + " + reserve
          + " reserve = " + needed + " needed; the server allows max_connections = " + maxConnections;
    }
  }

  /** Reads {@code max_connections} from the server and checks the budget; throws when over it. */
  public static Report check(JdbcSettings settings, int workers) {
    Report report = compute(maxConnections(settings), settings, workers);
    if (report.overLimit()) {
      throw over(settings, report);
    }
    return report;
  }

  /** The arithmetic alone, for a known {@code max_connections}. */
  public static Report compute(int maxConnections, JdbcSettings settings, int workers) {
    int needed = workers * settings.maximumPoolSize() * settings.instances() + settings.reserve();
    return new Report(maxConnections, workers, settings.maximumPoolSize(), settings.instances(),
        settings.reserve(), needed);
  }

  static DiException over(JdbcSettings settings, Report report) {
    return DiException.builder(ErrorId.BUDGET_EXCEEDED, "Pool " + settings.poolName() + " may open "
            + report.needed() + " connections but the server allows " + report.maxConnections())
        .field("budget", report.arithmetic())
        .fix("Lower maximumPoolSize or the number of workers, or raise the server's max_connections "
            + "(SET GLOBAL max_connections = n, and in its configuration file).")
        .build();
  }

  private static int maxConnections(JdbcSettings settings) {
    Properties login = new Properties();
    if (settings.username() != null) {
      login.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      login.setProperty("password", settings.password());
    }
    try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), login);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT @@max_connections")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw JdbcErrors.unreachableAtStart(settings.poolName() + " (budget check)", settings.jdbcUrl(), e);
    }
  }
}
