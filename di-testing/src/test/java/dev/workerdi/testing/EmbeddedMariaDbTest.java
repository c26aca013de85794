package dev.workerdi.testing;

import static dev.workerdi.testing.RealDatabaseTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starts its own embedded server (not the shared one) to watch it start and stop. */
class EmbeddedMariaDbTest {

  @Test
  void startsFastServesSqlAndLeavesNothingBehind() throws SQLException {
    long started = System.nanoTime();
    EmbeddedMariaDb db = EmbeddedMariaDb.start(List.of("--max-connections=42"));
    long startMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("Embedded MariaDB started in " + startMillis + " ms: " + db);
    ProcessHandle process = db.process();
    try {
      assertNotNull(process, "the mariadbd child process is found");
      assertTrue(process.isAlive());
      assertEquals("jdbc:mysql://127.0.0.1:" + db.port() + "/demo", db.jdbcUrl("demo"));

      db.createDatabase("demo");
      try (Connection c =
              DriverManager.getConnection(db.jdbcUrl("demo"), db.user(), db.password());
          Statement s = c.createStatement()) {
        assertTrue(single(s, "SELECT VERSION()").startsWith("11.4."));
        assertEquals("42", single(s, "SELECT @@max_connections"));
        assertEquals("utf8mb4", single(s, "SELECT @@character_set_server"));
        assertEquals("DISABLED", single(s, "SELECT @@have_ssl"));
        s.execute("CREATE TABLE t (id INT)");
      }
      IllegalStateException twice =
          assertThrows(IllegalStateException.class, () -> db.createDatabase("demo"));
      assertTrue(twice.getMessage().contains("demo"), twice.getMessage());
      assertThrows(IllegalArgumentException.class, () -> db.createDatabase("no-dashes"));
    } finally {
      db.close();
    }
    assertFalse(process.isAlive(), "mariadbd stopped");
    assertFalse(Files.exists(db.dataDir()), "data directory deleted");
    db.close();
    assertTrue(db.toString().endsWith("closed]"), db.toString());
  }
}
