package dev.workerdi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealDatabase
class RealDatabaseTest {
  private static FreshDatabase firstSeen;

  @BeforeAll
  static void remember(FreshDatabase db) {
    firstSeen = db;
  }

  @Test
  void connectsReadsTheVersionAndCreatesATable(FreshDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      String version = single(s, "SELECT VERSION()");
      assertEquals(db.server().serverVersion(), version);
      assertEquals(db.name(), single(s, "SELECT DATABASE()"));

      s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
      s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
      assertEquals("2", single(s, "SELECT COUNT(*) FROM t"));
      assertEquals(
          "1",
          single(
              s,
              "SELECT COUNT(*) FROM information_schema.tables"
                  + " WHERE table_schema = DATABASE()"));
    }
  }

  @Test
  void maxConnectionsIsReadable(DatabaseServer server) throws SQLException {
    try (Connection c = server.connect("");
        Statement s = c.createStatement()) {
      assertTrue(Integer.parseInt(single(s, "SELECT @@max_connections")) > 0);
    }
  }

  @Test
  void everyParameterOfTheClassGetsTheSameDatabase(FreshDatabase db, DatabaseServer server) {
    assertSame(firstSeen, db);
    assertSame(server, db.server());
    assertTrue(db.jdbcUrl().startsWith("jdbc:mysql://"), db.jdbcUrl());
  }

  @Test
  void theServerFitsTheEnvironment(DatabaseServer server) {
    if (System.getenv("WORKERDI_JDBC_URL") != null) {
      assertEquals(DatabaseServer.Kind.ENV, server.kind());
    } else if (server.kind() == DatabaseServer.Kind.EMBEDDED) {
      assertTrue(server.serverVersion().startsWith("11.4."), server.serverVersion());
      assertTrue(server.serverVersion().contains("MariaDB"), server.serverVersion());
    } else {
      assertEquals(DatabaseServer.Kind.TESTCONTAINERS, server.kind());
      assertTrue(server.serverVersion().startsWith("8.4."), server.serverVersion());
    }
    assertFalse(server.toString().isBlank());
  }

  static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}
