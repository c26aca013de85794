package dev.workerdi.jdbc.internal;

import dev.workerdi.core.DiException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a Galera node outside the primary component by the server's error, and carries this
 * library's message for it as an {@link SQLException} (what JDBC callers catch) with the server's
 * error code kept. Stateless and thread-safe. Not a supported API.
 */
public final class QuorumErrors {
  /**
   * {@code ER_UNKNOWN_COM_ERROR}, which a wsrep server answers with "WSREP has not yet prepared
   * node".
   */
  static final int NOT_PREPARED = 1047;

  /**
   * {@code ER_ERROR_DURING_COMMIT}: Galera's "Got error 6 'No such device or address' during
   * COMMIT".
   */
  static final int COMMIT_FAILED = 1180;

  /**
   * The replacement's SQLState. Not the server's {@code 08S01}: that would make Connector/J's
   * failover reconnect at once, inside the failing call, to the next nodes, which in a partition
   * are the unreachable ones (a frozen node holds the handshake for a minute); and the connection
   * itself is sound: it works again as soon as its node is back in a primary component.
   */
  static final String GENERAL_ERROR = "HY000";

  private QuorumErrors() {}

  /** Whether {@code e} says the node it came from is outside the cluster's primary component. */
  public static boolean isQuorumLoss(SQLException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return e.getErrorCode() == NOT_PREPARED && message.contains("wsrep")
        || e.getErrorCode() == COMMIT_FAILED
            && (message.contains("error 6 ") || message.contains("wsrep"));
  }

  /** The first quorum-loss error in {@code e}'s causes, if any. */
  public static Optional<SQLException> find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && isQuorumLoss(sql)) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  static SQLException replace(String pool, String node, SQLException original) {
    DiException error = JdbcErrors.quorumLost(pool, node, original);
    SQLException replacement =
        new SQLException(error.getMessage(), GENERAL_ERROR, original.getErrorCode(), error);
    replacement.setStackTrace(original.getStackTrace());
    return replacement;
  }
}
