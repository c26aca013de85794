package dev.workerdi.samples.server;

import jakarta.inject.Inject;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link Notes} with Jdbi 3 on the worker's {@code @WorkerScoped Jdbi}, which {@link ServerModule}
 * builds on the lease-backed {@code DataSource}: every handle opened here, in a request's
 * coroutine, runs on that request's lease (the {@code Connection} an {@code @Inject Connection}
 * repository gets too), and closing a handle ends only its view of the lease. Built per request
 * (unscoped); holds no connection, so it would also be safe to share, but is not meant to be.
 */
final class JdbiNotes implements Notes {
  private final Jdbi jdbi;

  @Inject
  JdbiNotes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public long add(String body) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate("INSERT INTO notes (body, worker) VALUES (:body, :worker)")
                .bind("body", body)
                .bind("worker", Routes.worker())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public Optional<String> find(long id) {
    return jdbi.withHandle(
        handle ->
            handle.select("SELECT body FROM notes WHERE id = ?", id).mapTo(String.class).findOne());
  }

  /** The server's id of the connection Jdbi's handles run on ({@code CONNECTION_ID()}). */
  long connectionId() {
    return jdbi.withHandle(
        handle -> handle.select("SELECT CONNECTION_ID()").mapTo(Long.class).one());
  }
}
