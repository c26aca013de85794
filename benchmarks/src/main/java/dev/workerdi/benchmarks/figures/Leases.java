package dev.workerdi.benchmarks.figures;

import com.google.inject.Key;
import com.google.inject.name.Names;
import com.zaxxer.hikari.HikariDataSource;
import dev.workerdi.benchmarks.Interleaved.Op;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Provider;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * The product's side of the single-threaded figures, as an application writes it: each operation is
 * one coroutine of the worker (a request), which injects its {@code Connection} (the
 * coroutine-scoped lease, borrowed on first use) and returns it when the coroutine ends. Must be
 * created inside a worker task. Thread-confined.
 */
final class Leases {
  private final WorkerContext worker;
  private final Provider<Connection> connections;
  private final WorkerPool pool;
  private final JdbcSettings settings;
  private HikariDataSource raw;

  /**
   * The lease of the {@code JdbcModule.named(name, ...)} module of {@code host}, on the current
   * worker.
   */
  Leases(WorkerHost host, String name) {
    this.worker =
        WorkerContext.current().orElseThrow(() -> new IllegalStateException("not in a worker"));
    this.connections = host.injector().getProvider(Key.get(Connection.class, Names.named(name)));
    this.pool = host.injector().getInstance(Key.get(WorkerPool.class, Names.named(name)));
    this.settings = host.injector().getInstance(Key.get(JdbcSettings.class, Names.named(name)));
  }

  /** One coroutine that borrows its lease, runs {@code statements}, and returns it as it ends. */
  Op op(String... statements) {
    return () -> {
      try (CoroutineContext coroutine = worker.openCoroutine()) {
        Connection connection = connections.get();
        if (statements.length == 0) {
          Sql.sink = connection;
        } else {
          Sql.run(connection, statements);
        }
      }
    };
  }

  /** One coroutine that does nothing: what the coroutine itself costs. */
  Op emptyCoroutine() {
    return () -> {
      try (CoroutineContext coroutine = worker.openCoroutine()) {
        Sql.sink = coroutine;
      }
    };
  }

  /** The worker's pool. */
  WorkerPool pool() {
    return pool;
  }

  /**
   * A plain HikariCP pool with the same settings (the worker's own pool hands out only leases),
   * opened on first call; {@link #close()} closes it.
   */
  DataSource raw() {
    if (raw == null) {
      raw = new HikariDataSource(settings.hikariConfig("raw"));
    }
    return raw;
  }

  /** Closes the plain pool of {@link #raw()}, if opened. */
  void close() {
    if (raw != null) {
      raw.close();
    }
  }

  /** Plain HikariCP (or any data source): borrow, run {@code statements}, close. */
  static Op plain(DataSource source, String... statements) {
    return () -> {
      try (Connection connection = source.getConnection()) {
        if (statements.length == 0) {
          Sql.sink = connection;
        } else {
          Sql.run(connection, statements);
        }
      }
    };
  }
}
