package dev.workerdi.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.jdbc.JdbcSettings;
import java.util.Properties;

/**
 * The Connector/J {@code connectionAttributes} that name a pool's connections on the server (in
 * {@code performance_schema.session_connect_attrs}): {@value #PROGRAM} (the application), {@value
 * #INSTANCE} (this instance), {@value #POOL} (the worker's pool) and {@value #MAX} (the most server
 * connections it may hold: its maximum size; the budget adds one control connection per instance).
 * The boot-time budget of another instance of the same application reads them to count what this
 * one holds and may open. A user's own attributes are kept; {@code connectionAttributes=none} turns
 * them all off (then other instances see this one only where they count by user, with
 * performance_schema off). Stateless and thread-safe.
 */
final class ConnectionAttributes {
  static final String PROGRAM = "program_name";
  static final String INSTANCE = "workerdi_instance";
  static final String POOL = "workerdi_pool";
  static final String MAX = "workerdi_max";
  static final String PROPERTY = "connectionAttributes";

  private ConnectionAttributes() {}

  static void apply(HikariConfig config, HostList hosts, JdbcSettings settings) {
    String value =
        value(
            existing(config.getDataSourceProperties(), hosts),
            settings,
            config.getPoolName(),
            config.getMaximumPoolSize());
    if (value != null) {
      config.addDataSourceProperty(PROPERTY, value);
    }
  }

  /**
   * Names a control connection ({@link ControlConnections}) in {@code login}: this instance's, in a
   * pool of its own that may hold nothing ({@value #MAX} 0), since the budget counts it per
   * instance.
   */
  static void applyControl(Properties login, HostList hosts, JdbcSettings settings) {
    String value = value(existing(login, hosts), settings, settings.poolName() + "-control", 0);
    if (value != null) {
      login.setProperty(PROPERTY, value);
    }
  }

  /** The user's own attributes: set as a driver property, else in the URL, else none. */
  private static String existing(Properties properties, HostList hosts) {
    Object property = properties.get(PROPERTY);
    return property != null ? property.toString() : hosts.option(PROPERTY).orElse("");
  }

  /** The attributes with ours added, or null when they are switched off ({@code none}). */
  private static String value(String existing, JdbcSettings settings, String pool, int max) {
    if (existing.trim().equalsIgnoreCase("none")) {
      return null;
    }
    String ours =
        PROGRAM
            + ":"
            + clean(settings.application())
            + ","
            + INSTANCE
            + ":"
            + clean(settings.instanceId())
            + ","
            + POOL
            + ":"
            + clean(pool)
            + ","
            + MAX
            + ":"
            + max;
    return existing.isBlank() ? ours : existing + "," + ours;
  }

  /** Connector/J splits attributes on {@code ,} and {@code :}; keep the rest readable. */
  static String clean(String value) {
    return value == null ? "" : value.replaceAll("[^A-Za-z0-9_.@/-]", "_");
  }
}
