package dev.workerdi.jdbc.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The README's sections "Jdbi, jOOQ, MyBatis: the lease as a DataSource" and "Transactions", compiled
 * and run here. Keep each in step with its README counterpart.
 */
@RealDatabase
class ReadmeDataStackTest {

  // ---- README: the lease as a DataSource ----
  public static final class DataModule extends AbstractModule {
    @Provides @WorkerScoped                                  // one per worker; each use asks the DataSource
    Jdbi jdbi(DataSource dataSource) {
      return Jdbi.create(dataSource);
    }

    @Provides @WorkerScoped
    DSLContext jooq(DataSource dataSource) {
      return DSL.using(dataSource, SQLDialect.MARIADB);
    }
  }

  // ---- README: Transactions ----
  public static class Orders {                                   // built by Guice (bound, or just in time)
    private final Jdbi jdbi;
    private final Stock stock;

    @Inject
    Orders(Jdbi jdbi, Stock stock) {
      this.jdbi = jdbi;
      this.stock = stock;
    }

    @Transactional(maxAttempts = 5)                              // retried on deadlocks and certification conflicts
    public void place(long id, long total) {
      jdbi.useHandle(h -> h.execute("INSERT INTO orders VALUES (?, ?)", id, total));
      stock.reserve(id);                                         // @Transactional too: joins this transaction
    }
  }

  public static class Stock {
    private final DSLContext jooq;

    @Inject
    Stock(DSLContext jooq) {
      this.jooq = jooq;
    }

    @Transactional
    public void reserve(long orderId) {
      jooq.execute("INSERT INTO reservations VALUES (?)", orderId);
    }
  }

  static long countOrders(Transactions transactions) throws Exception {
    // code Guice does not build: @Inject Transactions transactions
    long orders = transactions.inTransaction(connection -> {
      try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
        rows.next();
        return rows.getLong(1);
      }
    });
    return orders;
  }

  @Test
  void theDataStackSectionsRunAsWritten(FreshDatabase db) throws Exception {
    System.setProperty("org.jooq.no-logo", "true");
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total BIGINT)");
      s.execute("CREATE TABLE reservations (order_id BIGINT PRIMARY KEY)");
      s.execute("INSERT INTO reservations VALUES (2)");
    }
    JdbcSettings settings = JdbcSettings.fromMap(Map.of("jdbcUrl", db.jdbcUrl(), "username", db.user(),
        "password", db.password(), "maximumPoolSize", 2, "workerdi.reserve", 0));
    WorkerHost host = WorkerHost.builder().modules(JdbcModule.of(settings), new DataModule()).workers(1)
        .shutdownHook(false).build();
    host.start();
    try {
      host.submit(() -> {
        host.injector().getInstance(Orders.class).place(1, 100);
        return null;
      }).get();
      assertThrows(Exception.class, () -> host.submit(() -> {
        host.injector().getInstance(Orders.class).place(2, 200); // the reservation fails: the order rolls back
        return null;
      }).get());
      long orders = host.submit(() -> countOrders(host.injector().getInstance(Transactions.class))).get();
      assertEquals(1, orders);
      try (Connection c = db.connect(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM reservations")) {
        rows.next();
        assertEquals(2, rows.getLong(1));
      }
    } finally {
      host.stop(Duration.ofSeconds(10));
    }
  }
}
