package dev.workerdi.jdbc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.CreationException;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.workerdi.core.DiException;
import dev.workerdi.testing.Golden;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Hosts on a test database for the DataSource and transaction tests, and their checks. */
final class DataHosts {
  static final String HOST = "data";

  private DataHosts() {}

  static JdbcSettings settings(FreshDatabase db, int poolSize) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", db.jdbcUrl());
    map.put("username", db.user());
    map.put("password", db.password());
    map.put("maximumPoolSize", poolSize);
    map.put("minimumIdle", 0);
    map.put("connectionTimeout", 60_000);
    map.put("workerdi.reserve", 0);
    return JdbcSettings.fromMap(map);
  }

  static WorkerHost start(int workers, Module... modules) {
    WorkerHost host = WorkerHost.builder().name(HOST).workers(workers).shutdownHook(false).modules(modules).build();
    host.start();
    return host;
  }

  static WorkerHost start(JdbcSettings settings, int workers, Module... more) {
    List<Module> modules = new ArrayList<>(List.of(JdbcModule.of(settings)));
    modules.addAll(List.of(more));
    return start(workers, modules.toArray(Module[]::new));
  }

  /** Every worker's pools (the unnamed one): as many leases returned as borrowed, none active. */
  static void assertNothingBorrowed(WorkerHost host) throws Exception {
    for (int w = 0; w < host.workerCount(); w++) {
      WorkerPool pool = host.submit(w, () -> host.injector().getInstance(WorkerPool.class)).get();
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": leases out");
      assertEquals(0, pool.state().active(), pool.name() + ": connections active");
    }
  }

  /** No connection of the test user runs a statement on the server (PROCESSLIST), but the one asking. */
  static void assertNoStatementRunning(FreshDatabase db) throws SQLException {
    try (Connection observer = db.connect(); Statement s = observer.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '"
            + db.name() + "' AND COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()")) {
      rows.next();
      assertEquals(0, rows.getInt(1), "statements still running on " + db.name());
    }
  }

  static void stop(WorkerHost host, FreshDatabase db) throws Exception {
    assertNothingBorrowed(host);
    assertNoStatementRunning(db);
    host.stop(Duration.ofSeconds(10));
  }

  static long scalar(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getLong(1);
    }
  }

  static String text(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getString(1);
    }
  }

  static void execute(Connection connection, String... sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  /** The DiException behind what a host task, Guice or a JDBC wrapper threw. */
  static DiException unwrap(Throwable thrown) {
    Throwable t = thrown;
    for (int depth = 0; t != null && depth < 10; depth++) {
      if (t instanceof DiException e) {
        return e;
      }
      if (t instanceof CreationException creation) {
        for (Message message : creation.getErrorMessages()) {
          if (message.getCause() != null) {
            return unwrap(message.getCause());
          }
        }
      }
      t = t instanceof ExecutionException || t instanceof ProvisionException || t.getCause() != null
          ? t.getCause() : null;
    }
    throw new AssertionError("no DiException in " + thrown, thrown);
  }

  /** Asserts the message against {@code golden/data/NAME.txt}, with run-specific names made stable. */
  static void assertGolden(String name, Throwable error, FreshDatabase db) {
    String text = error.getMessage();
    if (db != null) {
      text = text.replace(db.name(), "<db>");
    }
    text = text.replaceAll(HOST + "-(\\d)-task-\\d+", HOST + "-$1-task-N")
        .replaceAll("'" + HOST + "-(\\d)#\\d+'", "'" + HOST + "-$1#N'")
        .replaceAll("(db-" + HOST + "-\\d)#\\d+", "$1#N")
        .replaceAll("ForkJoinPool-\\d+-worker-\\d+", "ForkJoinPool-N-worker-N");
    Golden.assertMatches("data/" + name, text);
  }
}
