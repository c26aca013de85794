package dev.workerdi.jdbc.tx;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.Isolation;
import dev.workerdi.jdbc.Propagation;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.jdbc.support.Sql;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Guice-built application classes with transactional methods, on table {@code accounts (id,
 * balance)}.
 */
final class Bank {
  private Bank() {}

  /** Jdbi per worker, on the lease-backed DataSource. */
  static final class Stack extends AbstractModule {
    @Provides
    @WorkerScoped
    Jdbi jdbi(DataSource dataSource) {
      return Jdbi.create(dataSource);
    }
  }

  /** A checked exception that names no rollback. */
  static final class Declined extends Exception {
    private static final long serialVersionUID = 1L;

    Declined(String message) {
      super(message);
    }
  }

  static void insert(Connection connection, int id) throws SQLException {
    Sql.exec(connection, "INSERT INTO accounts VALUES (" + id + ", 0)");
  }

  /** The nested side. */
  static class Ledger {
    final AtomicInteger requiresNewRuns = new AtomicInteger();
    @Inject Provider<Connection> connection;

    @Transactional
    void insert(int id) throws SQLException {
      Bank.insert(connection.get(), id);
    }

    @Transactional
    void insertThenFail(int id) throws SQLException {
      Bank.insert(connection.get(), id);
      throw new IllegalStateException("nested call failed");
    }

    @Transactional(isolation = Isolation.SERIALIZABLE)
    void serializable() {}

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void requiresNew(int id) throws SQLException {
      requiresNewRuns.incrementAndGet();
      Bank.insert(connection.get(), id);
    }
  }

  /** The outer side. */
  static class Accounts {
    @Inject Provider<Connection> connection;
    @Inject Provider<DataSource> dataSource;
    @Inject Provider<Jdbi> jdbi;
    @Inject Ledger ledger;
    @Inject Transactions transactions;

    @Transactional
    void insertTwiceThen(int a, int b, Runnable meanwhile) throws SQLException {
      Bank.insert(connection.get(), a);
      ledger.insert(b);
      meanwhile.run();
    }

    @Transactional
    void insertThenThrow(int id, RuntimeException failure) throws SQLException {
      Bank.insert(connection.get(), id);
      throw failure;
    }

    @Transactional(rollbackOn = IOException.class)
    void insertThenThrowChecked(int id, Exception failure) throws Exception {
      Bank.insert(connection.get(), id);
      throw failure;
    }

    @Transactional(rollbackOn = IOException.class, noRollbackOn = FileNotFoundException.class)
    void insertThenThrowExcluded(int id, Exception failure) throws Exception {
      Bank.insert(connection.get(), id);
      throw failure;
    }

    @Transactional(noRollbackOn = IllegalArgumentException.class)
    void insertThenThrowExcludedUnchecked(int id, RuntimeException failure) throws SQLException {
      Bank.insert(connection.get(), id);
      throw failure;
    }

    @Transactional
    void swallowNestedFailure(int id) throws SQLException {
      Bank.insert(connection.get(), id);
      try {
        ledger.insertThenFail(id + 1);
      } catch (IllegalStateException ignored) {
        // the caller decides to go on: the transaction is rollback-only all the same
      }
    }

    @Transactional
    void insertThenLoseTheConnection(int id, Runnable kill) throws SQLException {
      Bank.insert(connection.get(), id);
      kill.run();
    }

    @Transactional(readOnly = true)
    String readOnlyInside() throws SQLException {
      Connection c = connection.get();
      try {
        Bank.insert(c, 999);
        return "write allowed";
      } catch (SQLException e) {
        return c.isReadOnly() + " refused";
      }
    }

    @Transactional(isolation = Isolation.SERIALIZABLE)
    int isolationInside() throws SQLException {
      return connection.get().getTransactionIsolation();
    }

    @Transactional(readOnly = true)
    void readOnlyCallsWriter() throws SQLException {
      ledger.insert(998);
    }

    @Transactional
    void defaultCallsSerializable() {
      ledger.serializable();
    }

    @Transactional
    void callsRequiresNew(int id) throws SQLException {
      ledger.requiresNew(id);
    }

    @Transactional
    void commitThroughDataSource() throws SQLException {
      try (Connection c = dataSource.get().getConnection()) {
        c.commit();
      }
    }

    @Transactional
    void jdbiThenMaybeFail(int id, boolean fail) {
      jdbi.get().useHandle(h -> h.execute("INSERT INTO accounts VALUES (?, 0)", id));
      if (fail) {
        throw new IllegalStateException("after Jdbi");
      }
    }

    @Transactional
    void jdbiTransactionInside(int id, boolean fail) {
      jdbi.get().useTransaction(h -> h.execute("INSERT INTO accounts VALUES (?, 0)", id));
      if (fail) {
        throw new IllegalStateException("after Jdbi's useTransaction");
      }
    }

    @Transactional
    void jooqTransactionInside(int id) {
      DSL.using(dataSource.get(), SQLDialect.MARIADB)
          .transaction(
              configuration ->
                  configuration.dsl().execute("INSERT INTO accounts VALUES (" + id + ", 0)"));
    }

    @Transactional
    void jooqThenMaybeFail(int id, boolean fail) {
      DSL.using(dataSource.get(), SQLDialect.MARIADB)
          .execute("INSERT INTO accounts VALUES (" + id + ", 0)");
      if (fail) {
        throw new IllegalStateException("after jOOQ");
      }
    }

    @Transactional
    long programmaticJoins(int id, Runnable meanwhile) throws SQLException {
      long outer = Sql.scalar(connection.get(), "SELECT CONNECTION_ID()");
      long inner =
          transactions.inTransaction(
              c -> {
                Bank.insert(c, id);
                return Sql.scalar(c, "SELECT CONNECTION_ID()");
              });
      meanwhile.run();
      return outer == inner ? 1 : 0;
    }
  }

  /** On the second database ({@code JdbcModule.named("audit", ...)}). */
  static class Audit {
    @Inject
    @Named("audit")
    Provider<Connection> connection;

    @Transactional(database = "audit")
    long connectionId() throws SQLException {
      return Sql.scalar(connection.get(), "SELECT CONNECTION_ID()");
    }
  }
}
