package dev.workerdi.jdbc.internal;

import com.mysql.cj.exceptions.ExceptionInterceptor;
import com.mysql.cj.log.Log;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A Connector/J exception interceptor, installed on every pool's connections: it replaces the
 * driver's bare text for a Galera node that is outside the primary component ({@code ERROR 1047
 * WSREP has not yet prepared node for application use}, or {@code 1180 Got error 6 during COMMIT})
 * by this library's {@code QUORUM_LOST} message naming the node and the pool. The replacement is an
 * {@link SQLException} with the same error code and SQLState {@code HY000} (see {@link
 * QuorumErrors#GENERAL_ERROR}: the statement fails at once, the connection stays in the pool and
 * works again when quorum returns); other exceptions pass unchanged. One instance per physical
 * connection (Connector/J creates it), immutable after {@link #init}; thread-safe.
 */
public final class ClusterErrorInterceptor implements ExceptionInterceptor {
  private volatile String node = "(unknown node)";
  private volatile String pool = "(unknown pool)";

  /** Called by Connector/J. */
  public ClusterErrorInterceptor() {}

  @Override
  public ExceptionInterceptor init(Properties properties, Log log) {
    String host = properties.getProperty("HOST", properties.getProperty("host"));
    String port = properties.getProperty("PORT", properties.getProperty("port"));
    if (host != null) {
      node = host + (port == null ? "" : ":" + port);
    }
    String attributes = properties.getProperty("connectionAttributes", "");
    for (String attribute : attributes.split(",")) {
      if (attribute.startsWith(ConnectionAttributes.POOL + ":")) {
        pool = attribute.substring(ConnectionAttributes.POOL.length() + 1);
      }
    }
    return this;
  }

  @Override
  public void destroy() {}

  @Override
  public Exception interceptException(Exception exception) {
    if (exception instanceof SQLException sql && QuorumErrors.isQuorumLoss(sql)) {
      return QuorumErrors.replace(pool, node, sql);
    }
    return null;
  }
}
