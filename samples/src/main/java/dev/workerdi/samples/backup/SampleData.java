package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the sample source database of {@link SampleSchema} and fills it with deterministic
 * generated rows (same input, same data), computed by the server with {@code INSERT ... SELECT}
 * over a helper sequence: about 20% customers, 40% orders (two per customer), 10% products, 10%
 * readings and 20% events (in identical pairs, as a table without a key may hold), plus the audit
 * rows the trigger writes when some balances change. Stateless.
 *
 * <pre>{@code
 * SampleData.Result made = SampleData.generate("jdbc:mysql://127.0.0.1:3306/", "root", "", "shop", 200_000);
 * }</pre>
 */
public final class SampleData {
  private SampleData() {}

  /** What was generated: rows per table and the time it took. */
  public record Result(String database, Map<String, Long> rows, Duration elapsed) {
    public Result {
      rows = Map.copyOf(rows);
    }

    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Creates {@code database} on the server of {@code serverUrl} (it must be missing or empty) and
   * fills it with about {@code rows} rows.
   *
   * @throws IllegalStateException if the database has tables, or the server refuses
   */
  public static Result generate(
      String serverUrl, String user, String password, String database, int rows) {
    long started = System.nanoTime();
    if (rows < 10) {
      throw new IllegalArgumentException("Generate at least 10 rows, not " + rows);
    }
    try (Connection server = Jdbc.connect(Jdbc.withDatabase(serverUrl, ""), user, password)) {
      Jdbc.execute(
          server, "CREATE DATABASE IF NOT EXISTS " + Jdbc.q(database) + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create the sample database "
              + database
              + ": "
              + Jdbc.mask(e.getMessage(), password),
          e);
    }
    try (Connection db =
        Jdbc.connect(
            Jdbc.withDatabase(serverUrl, database)
                + (serverUrl.contains("?") ? "&" : "?")
                + "characterEncoding=UTF-8",
            user,
            password)) {
      if (Jdbc.number(
              db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
          > 0) {
        throw new IllegalStateException(
            "The sample database "
                + database
                + " is not empty: generate into a new"
                + " database, or drop it first");
      }
      Jdbc.execute(db, "SET time_zone = '+00:00'");
      fill(db, rows);
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String table :
          Jdbc.strings(
              db,
              "SELECT TABLE_NAME FROM information_schema.TABLES"
                  + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
        counts.put(table, Jdbc.number(db, "SELECT COUNT(*) FROM " + Jdbc.q(table)));
      }
      return new Result(database, counts, Duration.ofNanos(System.nanoTime() - started));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot generate the sample database "
              + database
              + ": "
              + Jdbc.mask(e.getMessage(), password),
          e);
    }
  }

  private static void fill(Connection db, int rows) throws SQLException {
    int customers = rows / 5;
    int orders = 2 * customers;
    int products = rows / 10;
    int readings = rows / 10;
    int events = Math.max(2, rows - customers - orders - products - readings);
    for (String sql : SampleSchema.TABLES) {
      Jdbc.execute(db, sql);
    }
    for (String sql : SampleSchema.EDGE_ROWS) {
      Jdbc.execute(db, sql);
    }
    sequence(db, Math.max(orders, events));
    insert(db, SampleRows.CUSTOMERS, customers);
    insert(db, SampleRows.ORDERS, customers, customers, orders);
    insert(db, SampleRows.PRODUCTS, products);
    insert(db, SampleRows.READINGS, readings);
    insert(db, SampleRows.EVENTS, events);
    Jdbc.execute(db, "DROP TABLE _seq");
    Jdbc.execute(db, SampleSchema.TRIGGER);
    Jdbc.execute(
        db,
        "UPDATE customers SET balance = balance + 1 WHERE id % 97 = 0 AND balance < 999999999990");
    for (String sql : SampleSchema.VIEWS) {
      Jdbc.execute(db, sql);
    }
  }

  /** A helper table {@code _seq(n)} holding 1..count, filled by doubling. */
  private static void sequence(Connection db, int count) throws SQLException {
    Jdbc.execute(db, "CREATE TABLE _seq (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
    Jdbc.execute(db, "INSERT INTO _seq VALUES (1)");
    for (long have = 1; have < count; have *= 2) {
      Jdbc.execute(
          db,
          "INSERT INTO _seq SELECT n + " + have + " FROM _seq WHERE n + " + have + " <= " + count);
    }
  }

  private static void insert(Connection db, String sql, int... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setInt(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }
}
