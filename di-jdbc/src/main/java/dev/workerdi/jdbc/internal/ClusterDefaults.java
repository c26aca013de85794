package dev.workerdi.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.jdbc.JdbcSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The Connector/J properties that keep the guarantees on a Galera (multi-primary) cluster named by
 * a multi-host URL, and on every URL the connection attributes that let the budget find this
 * application's connections on the server. Supported: Connector/J's sequential failover ({@code
 * jdbc:mysql://n1,n2,n3/db}), because a failover connection stays on one node until that node
 * fails, so a lease's session (temporary tables, variables, locks, an open transaction) is on one
 * server for the whole lease. Refused: {@code loadbalance:} and {@code replication:}, which move a
 * connection to another node at transaction boundaries, where the session does not follow.
 *
 * <p>For a multi-host URL each worker's pool gets the hosts rotated (worker {@code k} prefers node
 * {@code k mod n}, so the workers spread over the nodes) and, unless set: {@code
 * failOverReadOnly=false} (Connector/J's default {@code true} makes a failed-over connection refuse
 * writes, wrong on a multi-primary cluster; an explicit {@code true} is refused), {@code
 * connectTimeout=3000} (a frozen node must not hold a borrower for the driver's unbounded default)
 * and {@code retriesAllDown=2} (the driver's 120 rounds would hold a borrower 30 s when every node
 * is down). Stateless and thread-safe. Not a supported API.
 */
public final class ClusterDefaults {
  static final String FAIL_OVER_READ_ONLY = "failOverReadOnly";
  static final Map<String, String> MULTI_HOST =
      Map.of(FAIL_OVER_READ_ONLY, "false", "connectTimeout", "3000", "retriesAllDown", "2");

  private ClusterDefaults() {}

  /**
   * Refuses what cannot keep the guarantees: a {@code loadbalance:} or {@code replication:} URL, or
   * {@code failOverReadOnly=true} with several hosts. Called when settings are created.
   *
   * @param hikari the HikariCP properties (jdbcUrl, dataSource.*)
   */
  public static void check(Map<String, String> hikari) {
    String url = hikari.get("jdbcUrl");
    HostList hosts = HostList.parse(url);
    hosts
        .namedMode()
        .ifPresent(
            mode -> {
              throw JdbcErrors.badUrl(
                  url,
                  "uses Connector/J's "
                      + mode
                      + ": mode, which moves a connection between servers (at transaction boundaries, or on setReadOnly); a lease's session "
                      + "(temporary tables, variables, locks) would not follow it",
                  "Name the nodes in a plain failover URL, jdbc:mysql://node1:3306,node2:3306,node3:3306/db: each worker's "
                      + "pool then prefers another node and fails over in order, with writes allowed after a failover.");
            });
    String readOnly = value(hikari, hosts, FAIL_OVER_READ_ONLY).orElse("false");
    if (hosts.multiHost() && readOnly.equalsIgnoreCase("true")) {
      throw JdbcErrors.badSettings(
          FAIL_OVER_READ_ONLY,
          readOnly,
          "makes every connection read-only after a "
              + "failover to another node, so writes fail with \"Connection is read-only\" while the first node is down",
          "Remove failOverReadOnly (workerdi sets false for a multi-host URL: on a multi-primary cluster such as "
              + "Galera every node takes writes).");
    }
  }

  /** Adds the defaults to the pool of worker {@code workerId}; values the user set are kept. */
  public static void apply(HikariConfig config, JdbcSettings settings, int workerId) {
    HostList hosts = HostList.parse(config.getJdbcUrl());
    if (hosts.multiHost()) {
      MULTI_HOST.forEach((name, value) -> putIfUnset(config, hosts, name, value));
      config.setJdbcUrl(hosts.rotated(workerId));
    }
    ConnectionAttributes.apply(config, hosts, settings);
    append(config, hosts, "exceptionInterceptors", ClusterErrorInterceptor.class.getName());
    if (settings.wsrepSyncWait() > 0) {
      append(config, hosts, "sessionVariables", "wsrep_sync_wait=" + settings.wsrepSyncWait());
    }
  }

  static Optional<String> value(Map<String, String> hikari, HostList hosts, String name) {
    String property = hikari.get("dataSource." + name);
    return property != null ? Optional.of(property.trim()) : hosts.option(name);
  }

  private static void putIfUnset(HikariConfig config, HostList hosts, String name, String value) {
    if (hosts.option(name).isEmpty() && config.getDataSourceProperties().get(name) == null) {
      config.addDataSourceProperty(name, value);
    }
  }

  /**
   * Appends to a comma-separated driver property. Connector/J lets a data-source property replace
   * the URL's option of the same name, so the URL's value is carried over first.
   */
  static void append(HikariConfig config, HostList hosts, String name, String addition) {
    Object property = config.getDataSourceProperties().get(name);
    Object existing = property != null ? property : hosts.option(name).orElse(null);
    String value =
        existing == null || existing.toString().isBlank()
            ? addition
            : existing.toString().contains(addition)
                ? existing.toString()
                : existing + "," + addition;
    config.addDataSourceProperty(name, value);
  }
}
