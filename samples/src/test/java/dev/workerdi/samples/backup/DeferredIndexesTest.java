package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plain secondary keys are taken out of CREATE TABLE and added after the load, the same as the
 * source's.
 */
@RealDatabase
class DeferredIndexesTest {
  private static final String CREATE =
      """
      CREATE TABLE `sb` (
        `id` int(11) NOT NULL AUTO_INCREMENT,
        `k` int(11) NOT NULL DEFAULT 0,
        `c` char(120) NOT NULL DEFAULT '',
        `body` text DEFAULT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `uc` (`c`),
        KEY `k_1` (`k`),
        FULLTEXT KEY `ft` (`body`),
        KEY `odd``name` (`k`,`c`) COMMENT 'two, parts'
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

  @Test
  void plainKeysAreStrippedAndListedInOrder() {
    String stripped = DeferredIndexes.strip(CREATE);
    assertFalse(stripped.contains("k_1") || stripped.contains("odd"), stripped);
    assertTrue(
        stripped.contains("UNIQUE KEY `uc`") && stripped.contains("FULLTEXT KEY `ft` (`body`)\n)"),
        stripped);
    assertEquals(
        List.of("KEY `k_1` (`k`)", "KEY `odd``name` (`k`,`c`) COMMENT 'two, parts'"),
        DeferredIndexes.keys(CREATE));
    assertFalse(
        DeferredIndexes.allowed(
            List.of(CREATE, "CREATE TABLE x (a int, FOREIGN KEY (a) REFERENCES sb (id))")));
  }

  @Test
  void theTableEndsWithTheSourcesIndexesAndAddingAgainAddsNothing(DatabaseServer server)
      throws Exception {
    String db = server.createDatabase("bk14_idx");
    Dbs.execute(server, db, DeferredIndexes.strip(CREATE));
    try (var c = server.connect(db)) {
      assertEquals(2, DeferredIndexes.addMissing(c, "sb", CREATE));
      assertEquals(0, DeferredIndexes.addMissing(c, "sb", CREATE), "nothing missing any more");
    }
    String other = server.createDatabase("bk14_idx_ref");
    Dbs.execute(server, other, CREATE);
    assertEquals(showCreate(server, other), showCreate(server, db));
  }

  private static String showCreate(DatabaseServer server, String db) throws Exception {
    try (var c = server.connect(db);
        var s = c.createStatement();
        var r = s.executeQuery("SHOW CREATE TABLE sb")) {
      r.next();
      return r.getString(2);
    }
  }
}
