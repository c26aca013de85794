package dev.workerdi.samples.hello;

import com.google.inject.AbstractModule;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The README's Quick Start. Run with -Ddb.jdbcUrl=jdbc:mysql://host:3306/shop -Ddb.username=app
 * -Ddb.password=...
 */
public final class Hello {

  /** Injects this coroutine's lease: resolve it inside a worker task, never in a singleton. */
  public static final class Orders {
    private final Connection connection;

    @Inject
    Orders(Connection connection) {
      this.connection = connection;
    }

    public int count() throws SQLException {
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Creates the table before the workers start, on a one-off connection of its own. */
  public static final class Schema extends AbstractModule {
    @BeforeWorkerStart
    void create(JdbcSettings settings) throws SQLException {
      try (Connection once =
              DriverManager.getConnection(
                  settings.jdbcUrl(), settings.username(), settings.password());
          Statement s = once.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY)");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    JdbcSettings settings = JdbcSettings.fromSystemProperties("db"); // db.jdbcUrl, db.username, ...
    WorkerHost host =
        WorkerHost.builder().modules(JdbcModule.of(settings), new Schema()).workers(2).build();
    host.start(); // phases; the budget check connects once, so a bad URL stops here
    try {
      int count =
          host.submit(() -> host.injector().getInstance(Orders.class).count()).get(); // a coroutine
      System.out.println("orders: " + count);
    } finally {
      host.stop(Duration.ofSeconds(10)); // drain, then close each worker's pool
    }
  }
}
