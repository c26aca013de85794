package dev.workerdi.samples.server;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The notes repository of the worker server. The server binds it to {@link JdbcNotes}, built per
 * request on the request's own lease, and serves the same notes through {@link JdbiNotes} (Jdbi on
 * the lease-backed {@code DataSource}) on {@code /jdbi/notes}. Implementations are used by one
 * coroutine at a time and need not be thread-safe.
 */
public interface Notes {
  /** Stores {@code body} and returns its id. */
  long add(String body) throws SQLException;

  /** The body of note {@code id}, if there is one. */
  Optional<String> find(long id) throws SQLException;
}
