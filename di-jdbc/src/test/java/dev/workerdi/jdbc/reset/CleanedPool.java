package dev.workerdi.jdbc.reset;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.internal.SessionCleaner;
import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import dev.workerdi.jdbc.internal.SessionTracking;
import dev.workerdi.testing.FreshDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A HikariCP pool with its {@link SessionCleaner}, leased by hand the way a lease does it: borrow,
 * {@code onBorrow}, work, {@code onReturn}, then close the proxy or evict it. Thread-safe.
 */
final class CleanedPool implements AutoCloseable {
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  /** What one piece of work on a leased connection does. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** The work's result and what the cleaner did when the connection came back. */
  record Leased<T>(T value, Outcome outcome) {}

  private final HikariDataSource dataSource;
  private final SessionCleaner cleaner;

  private CleanedPool(HikariDataSource dataSource, SessionCleaner cleaner) {
    this.dataSource = dataSource;
    this.cleaner = cleaner;
  }

  static CleanedPool open(FreshDatabase db, ResetPolicy policy, int size) {
    return open(db, policy, size, config -> {});
  }

  static CleanedPool open(
      FreshDatabase db, ResetPolicy policy, int size, Consumer<HikariConfig> tune) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(30_000);
    config.setPoolName("reset-" + policy.name().toLowerCase() + "-" + NUMBERS.incrementAndGet());
    tune.accept(config);
    SessionTracking.configure(config, policy);
    SessionCleaner cleaner = new SessionCleaner(policy, config);
    return new CleanedPool(new HikariDataSource(config), cleaner);
  }

  /** Borrows, runs {@code work}, and gives the connection back through the cleaner. */
  <T> Leased<T> lease(Work<T> work) throws SQLException {
    Connection connection = dataSource.getConnection();
    cleaner.onBorrow(connection);
    T value;
    try {
      value = work.run(connection);
    } catch (SQLException | RuntimeException e) {
      giveBack(connection);
      throw e;
    }
    return new Leased<>(value, giveBack(connection));
  }

  private Outcome giveBack(Connection connection) throws SQLException {
    Outcome outcome = cleaner.onReturn(connection);
    if (outcome == Outcome.EVICT) {
      dataSource.evictConnection(connection);
    } else {
      connection.close();
    }
    return outcome;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
