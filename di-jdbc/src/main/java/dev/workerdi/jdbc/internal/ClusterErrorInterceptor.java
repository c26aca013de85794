package dev.workerdi.jdbc.internal;

import com.mysql.cj.exceptions.ExceptionInterceptor;
import com.mysql.cj.exceptions.ExceptionInterceptorChain;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import com.mysql.cj.log.Log;
import dev.workerdi.core.DiException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.util.Properties;

/**
 * A Connector/J exception interceptor, installed on every pool's connections, that replaces two
 * driver texts by this library's messages naming the node and the pool:
 *
 * <ul>
 *   <li>a Galera node outside the primary component ({@code ERROR 1047 WSREP has not yet prepared
 *       node for application use}, or {@code 1180 Got error 6 during COMMIT}): {@code QUORUM_LOST},
 *       as an {@link SQLException} with the same error code and SQLState {@code HY000} (see {@link
 *       QuorumErrors#GENERAL_ERROR}); the node is also reported to {@link QuorumCheck}, so that the
 *       next borrows on it fail at once;
 *   <li>on a connection that a lease of a cluster URL holds (marked by {@link #leased}), the
 *       driver's link failure ({@code Communications link failure}): {@code NODE_LOST}, as an
 *       {@link SQLRecoverableException} with the driver's SQLState ({@code 08S01}) and error code
 *       kept and the driver's exception as the cause of the cause, so that Connector/J fails over
 *       and HikariCP evicts the connection as before. Failures while connecting, or on connections
 *       no lease holds, pass unchanged.
 * </ul>
 *
 * Other exceptions pass unchanged. One instance per physical connection (Connector/J creates it);
 * thread-safe.
 */
public final class ClusterErrorInterceptor implements ExceptionInterceptor {
  private volatile String node = "(unknown node)";
  private volatile String pool = "(unknown pool)";
  private volatile boolean leased;

  /** Called by Connector/J. */
  public ClusterErrorInterceptor() {}

  /**
   * Marks the physical connection behind {@code physical} (its current one, for a failover
   * connection) as held by a lease of a cluster URL: from now on its link failures are {@code
   * NODE_LOST}.
   */
  static void leased(JdbcConnection physical) {
    if (physical.getExceptionInterceptor() instanceof ExceptionInterceptorChain chain) {
      for (ExceptionInterceptor interceptor : chain.getInterceptors()) {
        if (interceptor instanceof ClusterErrorInterceptor ours) {
          ours.leased = true;
        }
      }
    }
  }

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
      QuorumCheck.refused(node);
      return QuorumErrors.replace(pool, node, sql);
    }
    if (leased && exception instanceof CommunicationsException link) {
      DiException error = JdbcErrors.nodeLost(pool, node, link);
      SQLException replacement =
          new SQLRecoverableException(
              error.getMessage(), link.getSQLState(), link.getErrorCode(), error);
      replacement.setStackTrace(link.getStackTrace());
      return replacement;
    }
    return null;
  }
}
