package dev.workerdi.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.ResetPolicy;
import java.util.Locale;
import java.util.Objects;

/**
 * Sets up a pool's connections for {@link SessionCleaner}: switches the server's session-state
 * tracking on for every physical connection and installs {@link SessionStateInterceptor}.
 *
 * <p>Everything goes through Connector/J properties ({@link HikariConfig#addDataSourceProperty}),
 * none through {@code connectionInitSql}: {@code trackSessionState=true} makes the driver ask for
 * the tracker's reports (capability {@code CLIENT_SESSION_TRACK}); {@code sessionVariables} (see
 * {@link #TRACKING_VARIABLES}) switches the trackers on when the driver connects, and {@link
 * SessionRestore} sends it again, inside its one restore statement, after every {@code
 * COM_RESET_CONNECTION} (which switches tracking back off), so restoring it costs nothing per
 * lease; {@code queryInterceptors} adds the per-connection record. Values the user already set are
 * kept and appended to. Stateless and thread-safe. Not a supported API.
 */
public final class SessionTracking {
  /**
   * The server's trackers, as {@code sessionVariables}: the state-change flag (system and user
   * variables, temporary tables, prepared statements, schema), the transaction state and
   * characteristics ({@code T}/{@code I}, {@code L} for {@code LOCK TABLES}, one-shot {@code SET
   * TRANSACTION}, {@code XA START}) and the schema; no system-variable values, which are not needed
   * and would only make OK packets longer.
   */
  public static final String TRACKING_VARIABLES =
      "session_track_state_change=ON,"
          + "session_track_transaction_info=CHARACTERISTICS,session_track_schema=ON,"
          + "session_track_system_variables=''";

  static final String TRACK_SESSION_STATE = "trackSessionState";
  static final String SESSION_VARIABLES = "sessionVariables";
  static final String QUERY_INTERCEPTORS = "queryInterceptors";

  private SessionTracking() {}

  /**
   * Adds the driver properties that {@code policy} needs to {@code config}; does nothing for {@link
   * ResetPolicy#UNSAFE_NONE}. Call it before the pool is created; calling it twice is harmless.
   *
   * @throws DiException ({@code BAD_SETTINGS}) when the pool does not use MySQL Connector/J through
   *     {@code jdbcUrl} or {@code dataSourceClassName}, sets {@code sessionVariables} or {@code
   *     queryInterceptors} in the URL (where data-source properties would silently replace them),
   *     or sets {@code paranoid=true} (which turns {@code resetServerState()} into a no-op)
   */
  public static void configure(HikariConfig config, ResetPolicy policy) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(policy, "policy");
    if (policy == ResetPolicy.UNSAFE_NONE) {
      return;
    }
    checkDriver(config, policy);
    String url = Objects.toString(config.getJdbcUrl(), "").toLowerCase(Locale.ROOT);
    for (String property : new String[] {SESSION_VARIABLES, QUERY_INTERCEPTORS}) {
      if (url.contains(property.toLowerCase(Locale.ROOT) + "=")) {
        throw bad(
            property,
            policy,
            "is set in jdbcUrl, where it cannot be combined with session tracking",
            "Move it out of jdbcUrl into the data-source property dataSource." + property + ".");
      }
    }
    if (url.contains("paranoid=true") || "true".equalsIgnoreCase(property(config, "paranoid"))) {
      throw bad(
          "paranoid",
          policy,
          "makes Connector/J skip resetServerState(), so leases cannot be cleaned",
          "Remove paranoid=true, or choose resetPolicy UNSAFE_NONE and clean sessions yourself.");
    }
    config.addDataSourceProperty(TRACK_SESSION_STATE, "true");
    config.addDataSourceProperty(
        SESSION_VARIABLES, append(property(config, SESSION_VARIABLES), TRACKING_VARIABLES));
    config.addDataSourceProperty(
        QUERY_INTERCEPTORS,
        append(property(config, QUERY_INTERCEPTORS), SessionStateInterceptor.class.getName()));
  }

  private static void checkDriver(HikariConfig config, ResetPolicy policy) {
    String url = config.getJdbcUrl();
    String dataSourceClass = config.getDataSourceClassName();
    boolean connectorJ =
        dataSourceClass != null
            ? dataSourceClass.startsWith("com.mysql.cj.jdbc.")
            : url != null && url.startsWith("jdbc:mysql");
    if (!connectorJ || config.getDataSource() != null) {
      throw bad(
          dataSourceClass != null ? "dataSourceClassName" : "jdbcUrl",
          policy,
          "does not name MySQL Connector/J, which resetPolicy " + policy + " needs",
          "Use a jdbc:mysql:// URL (or com.mysql.cj.jdbc.MysqlDataSource), or resetPolicy UNSAFE_NONE.");
    }
  }

  private static String property(HikariConfig config, String name) {
    Object value = config.getDataSourceProperties().get(name);
    return value == null ? null : value.toString();
  }

  private static String append(String existing, String addition) {
    if (existing == null || existing.isBlank()) {
      return addition;
    }
    return existing.contains(addition) ? existing : existing + "," + addition;
  }

  private static DiException bad(String property, ResetPolicy policy, String problem, String fix) {
    return DiException.builder(ErrorId.BAD_SETTINGS, "Setting " + property + " " + problem)
        .field("property", property)
        .field("policy", policy)
        .fix(fix)
        .build();
  }
}
