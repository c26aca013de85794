package dev.workerdi.testing;

import static dev.workerdi.testing.RealDatabaseTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class CreateDatabaseTest {

  @Test
  void twoCallsGiveTwoDifferentEmptyDatabases(DatabaseServer server) throws SQLException {
    String first = server.createDatabase("same hint");
    String second = server.createDatabase("same hint");

    assertNotEquals(first, second);
    assertTrue(first.startsWith("same_hint_"), first);
    try (Connection c = server.connect("");
        Statement s = c.createStatement()) {
      for (String name : new String[] {first, second}) {
        assertEquals(
            "1",
            single(
                s,
                "SELECT COUNT(*) FROM information_schema.schemata"
                    + " WHERE schema_name = '"
                    + name
                    + "'"));
        assertEquals(
            "0",
            single(
                s,
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = '"
                    + name
                    + "'"));
      }
      s.execute("CREATE TABLE `" + first + "`.only_here (id INT)");
      assertEquals(
          "0",
          single(
              s,
              "SELECT COUNT(*) FROM information_schema.tables"
                  + " WHERE table_schema = '"
                  + second
                  + "'"));
    }
  }

  @Test
  void namesAreCleanedUpAndShortEnough(DatabaseServer server) {
    String name = server.createDatabase("Ünïcode; DROP DATABASE x -- " + "long".repeat(30));

    assertTrue(name.matches("[a-z0-9_]{1,64}"), name);
    assertTrue(server.createDatabase("").startsWith("test_"));
  }

  @Test
  void aClassGetsItsOwnFreshDatabase(FreshDatabase db) {
    assertTrue(db.name().startsWith("createdatabasetest_"), db.name());
  }

  @Test
  void badNamesAreRejectedBeforeTheServerSeesThem(DatabaseServer server) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> server.jdbcUrl("a/b?user=x"));
    assertTrue(e.getMessage().contains("'a/b?user=x'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> server.jdbcUrl(null));
  }

  @Test
  void toStringNeverShowsThePassword(DatabaseServer server) throws SQLException {
    String user = "wdi_pw_" + Long.toString(System.nanoTime(), 36);
    String password = "s3cret-" + Long.toString(System.nanoTime(), 36);
    try (Connection c = server.connect("");
        Statement s = c.createStatement()) {
      s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
      try {
        DatabaseServer other =
            DatabaseServer.open(
                DatabaseServer.Kind.ENV,
                db -> {
                  String url = server.jdbcUrl(db);
                  return url + (url.contains("?") ? "&" : "?") + "password=" + password;
                },
                user,
                password);
        FreshDatabase fresh = new FreshDatabase(other, "x");

        assertEquals(password, other.password());
        assertFalse(other.toString().contains(password), other.toString());
        assertFalse(fresh.toString().contains(password), fresh.toString());
        assertTrue(other.toString().contains("******"), other.toString());

        IllegalStateException refused =
            assertThrows(
                IllegalStateException.class,
                () ->
                    DatabaseServer.open(
                        DatabaseServer.Kind.ENV,
                        db ->
                            server.jdbcUrl(db)
                                + (server.jdbcUrl(db).contains("?") ? "&" : "?")
                                + "connectTimeout=x"
                                + password,
                        user,
                        password));
        assertFalse(refused.getMessage().contains(password), refused.getMessage());
        assertFalse(
            refused.getCause().getMessage().contains(password), refused.getCause().getMessage());
      } finally {
        s.execute("DROP USER '" + user + "'@'%'");
      }
    }
  }
}
