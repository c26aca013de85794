package dev.workerdi.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.jdbc.ConnectionBudget;
import dev.workerdi.jdbc.JdbcSettings;

/**
 * The Connector/J {@code connectionAttributes} that name a pool's connections on the server (in
 * {@code performance_schema.session_connect_attrs}): {@value #PROGRAM} (the application), {@value
 * #INSTANCE} (this instance), {@value #POOL} (the worker's pool) and {@value #MAX} (the most server
 * connections it may hold: its maximum size plus its control connection). The boot-time budget of
 * another instance of the same application reads them to count what this one holds and may open. A
 * user's own attributes are kept; {@code connectionAttributes=none} turns them all off (then other
 * instances see this one only where they count by user, with performance_schema off). Stateless and
 * thread-safe.
 */
final class ConnectionAttributes {
  static final String PROGRAM = "program_name";
  static final String INSTANCE = "workerdi_instance";
  static final String POOL = "workerdi_pool";
  static final String MAX = "workerdi_max";
  private static final String PROPERTY = "connectionAttributes";

  private ConnectionAttributes() {}

  static void apply(HikariConfig config, HostList hosts, JdbcSettings settings) {
    Object property = config.getDataSourceProperties().get(PROPERTY);
    String existing = property != null ? property.toString() : hosts.option(PROPERTY).orElse("");
    if (existing.trim().equalsIgnoreCase("none")) {
      return;
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
            + clean(config.getPoolName())
            + ","
            + MAX
            + ":"
            + (config.getMaximumPoolSize() + ConnectionBudget.CONTROL_CONNECTIONS);
    config.addDataSourceProperty(PROPERTY, existing.isBlank() ? ours : existing + "," + ours);
  }

  /** Connector/J splits attributes on {@code ,} and {@code :}; keep the rest readable. */
  static String clean(String value) {
    return value == null ? "" : value.replaceAll("[^A-Za-z0-9_.@/-]", "_");
  }
}
