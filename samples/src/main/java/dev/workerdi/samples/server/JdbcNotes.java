package dev.workerdi.samples.server;

import dev.workerdi.core.CoroutineContext;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * {@link Notes} in plain JDBC on the injected {@code Connection}, which is the lease of the
 * coroutine the repository is built in. Built per request (unscoped); not thread-safe.
 */
final class JdbcNotes implements Notes {
  private final Connection connection;

  @Inject
  JdbcNotes(Connection connection) {
    this.connection = connection;
  }

  @Override
  public long add(String body) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO notes (body, worker) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, body);
      insert.setString(2, CoroutineContext.current().map(c -> c.worker().name()).orElse("none"));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Override
  public Optional<String> find(long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT body FROM notes WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
