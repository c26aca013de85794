package dev.workerdi.jdbc.internal;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.DiException;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.jdbc.Lease;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One worker's lease-backed {@link DataSource}: {@link #getConnection()} returns a new {@link
 * LeaseView} of the calling coroutine's lease (borrowing it on first use), so every library that
 * asks a DataSource per statement or per handle runs on the coroutine's one connection. Holds no
 * connection itself. Thread-safe. Not a supported API.
 */
public final class LeaseDataSource implements DataSource {
  private final String name;
  private final WorkerContext worker;
  private final Provider<Lease> leases;
  private final TransactionEngine engine;
  private volatile int loginTimeout;

  /** The DataSource of {@code worker}; {@code name} (the pool's) appears in messages. */
  public LeaseDataSource(
      String name, WorkerContext worker, Provider<Lease> leases, TransactionEngine engine) {
    this.name = name;
    this.worker = worker;
    this.leases = leases;
    this.engine = engine;
  }

  @Override
  public Connection getConnection() {
    CoroutineContext coroutine = CoroutineContext.current().orElse(null);
    if (coroutine == null) {
      throw JdbcErrors.dataSourceOutsideCoroutine(
          describe(), WorkerContext.current().map(WorkerContext::name).orElse(null));
    }
    if (coroutine.worker() != worker) {
      throw JdbcErrors.dataSourceOtherWorker(describe(), worker.name(), coroutine);
    }
    return LeaseView.of(leases.get(), engine, describe());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    DiException error =
        JdbcErrors.dataSourceUnsupported(
            describe(),
            "getConnection(username, password)",
            "a lease is a connection of the worker's pool, opened with the pool's user");
    throw new SQLFeatureNotSupportedException(error.getMessage(), "0A000", error);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    DiException error =
        JdbcErrors.dataSourceUnsupported(describe(), "setLogWriter", "the pool logs through SLF4J");
    throw new SQLFeatureNotSupportedException(error.getMessage(), "0A000", error);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the pool logs through SLF4J, not java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException(
        "DataSource " + describe() + " wraps nothing: it is a view of each coroutine's lease");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  private String describe() {
    return name;
  }

  @Override
  public String toString() {
    return "LeaseDataSource[" + name + "]";
  }
}
