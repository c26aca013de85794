package dev.workerdi.core.spi;

import java.util.List;
import java.util.Map;

/**
 * Recognises instances that hold (or hand out) I/O and so must never be shared across workers: the
 * {@code Di::set('MYSQL', new MysqlDb($conf))} mistake. Stateless and thread-safe. Not a supported
 * API.
 */
public final class ConnectionLike {
  private static final List<Map.Entry<String, String>> KINDS =
      List.of(
          Map.entry("java.sql.Connection", "JDBC Connection"),
          Map.entry("javax.sql.DataSource", "DataSource (a connection pool)"),
          Map.entry("javax.sql.PooledConnection", "pooled JDBC connection"),
          Map.entry("java.sql.Statement", "JDBC Statement"),
          Map.entry("java.sql.ResultSet", "JDBC ResultSet"),
          Map.entry("java.net.Socket", "socket"),
          Map.entry("java.net.ServerSocket", "server socket"),
          Map.entry("java.net.DatagramSocket", "datagram socket"),
          Map.entry("java.nio.channels.Channel", "channel"),
          Map.entry("java.io.InputStream", "input stream"),
          Map.entry("java.io.OutputStream", "output stream"),
          Map.entry("java.io.Reader", "reader"),
          Map.entry("java.io.Writer", "writer"),
          Map.entry("java.lang.AutoCloseable", "AutoCloseable (it may hold I/O)"));

  private ConnectionLike() {}

  /** What kind of connection-like object {@code type} is, or null if it is none. */
  public static String kindOf(Class<?> type) {
    for (Map.Entry<String, String> kind : KINDS) {
      if (isA(type, kind.getKey())) {
        return kind.getValue();
      }
    }
    return null;
  }

  private static boolean isA(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(name)) {
        return true;
      }
      for (Class<?> iface : c.getInterfaces()) {
        if (isA(iface, name)) {
          return true;
        }
      }
    }
    return false;
  }
}
