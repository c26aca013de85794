package dev.workerdi.benchmarks.jmh;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:stub:} URLs whose connections do nothing and answer at once: what
 * is left of a borrow and return when the network and the server are taken away. Statements return
 * no rows. Thread-safe.
 */
public final class StubDriver implements Driver {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:stub:";

  static {
    try {
      DriverManager.registerDriver(new StubDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** For {@code driverClassName} (HikariCP instantiates it). */
  public StubDriver() {}

  @Override
  public Connection connect(String url, Properties info) {
    return acceptsURL(url) ? proxy(Connection.class, new StubHandler()) : null;
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no logger");
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /**
   * Connections, statements and result sets: remembers closed and autocommit, defaults for the
   * rest.
   */
  private static final class StubHandler implements InvocationHandler {
    private volatile boolean closed;
    private volatile boolean autoCommit = true;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
      return switch (method.getName()) {
        case "close" -> {
          closed = true;
          yield null;
        }
        case "isClosed" -> closed;
        case "isValid" -> !closed;
        case "getAutoCommit" -> autoCommit;
        case "setAutoCommit" -> {
          autoCommit = (Boolean) args[0];
          yield null;
        }
        case "getTransactionIsolation" -> Connection.TRANSACTION_REPEATABLE_READ;
        case "createStatement", "prepareStatement" -> proxy(Statement.class, new StubHandler());
        case "executeQuery", "getResultSet" -> proxy(ResultSet.class, new StubHandler());
        case "unwrap" -> {
          if (((Class<?>) args[0]).isInstance(proxy)) {
            yield proxy;
          }
          throw new SQLException("not a wrapper for " + args[0]);
        }
        case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        case "toString" -> "StubConnection@" + Integer.toHexString(System.identityHashCode(proxy));
        default -> defaultValue(method.getReturnType());
      };
    }

    private static Object defaultValue(Class<?> type) {
      if (type == boolean.class) {
        return false;
      } else if (type == int.class) {
        return 0;
      } else if (type == long.class) {
        return 0L;
      } else if (type.isPrimitive() && type != void.class) {
        return type == double.class
            ? 0.0
            : type == float.class
                ? 0.0f
                : type == short.class ? (short) 0 : type == byte.class ? (byte) 0 : '\0';
      }
      return null;
    }
  }
}
