package dev.workerdi.samples.server;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The worker server's endpoints. Each call runs inside a coroutine of a worker; the
 * {@code Connection} it injects is that coroutine's lease. Thread-safe.
 */
final class Routes {
  private final WorkerHost host;

  Routes(WorkerHost host) {
    this.host = host;
  }

  /** Thrown for unknown paths and missing notes. */
  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  String handle(String method, String path, String body) throws SQLException, NotFound {
    if (method.equals("GET") && path.equals("/hello")) {
      return hello();
    } else if (method.equals("POST") && path.equals("/notes")) {
      return String.valueOf(insert(body));
    } else if (method.equals("GET") && path.startsWith("/notes/")) {
      return note(parseId(path.substring("/notes/".length())));
    }
    throw new NotFound("no route for " + method + " " + path);
  }

  private Connection connection() {
    return host.injector().getInstance(Connection.class);
  }

  private String worker() {
    return CoroutineContext.current().map(c -> c.worker().name()).orElse("none");
  }

  private String hello() throws SQLException {
    try (Statement s = connection().createStatement(); ResultSet rows = s.executeQuery("SELECT CONNECTION_ID()")) {
      rows.next();
      return "hello from " + worker() + " on connection " + rows.getLong(1);
    }
  }

  private long insert(String body) throws SQLException {
    try (PreparedStatement insert = connection().prepareStatement(
        "INSERT INTO notes (body, worker) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, body);
      insert.setString(2, worker());
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private String note(long id) throws SQLException, NotFound {
    try (PreparedStatement select = connection().prepareStatement("SELECT body FROM notes WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new NotFound("no note " + id);
        }
        return rows.getString(1);
      }
    }
  }

  private static long parseId(String text) throws NotFound {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new NotFound("not a note id: " + text);
    }
  }
}
