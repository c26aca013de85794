package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target's digest by read-back ({@link ReadBack}) is the target server's SQL hash of the same
 * chunk ({@link RowHash#of}) for a keyed table and a table without a key, and it changes when the
 * rows the server holds change (one byte of one row, one row deleted), so the verification compares
 * what the server stores, not what the client sent.
 */
@RealDatabase
class ReadBackTest {
  @Test
  void theReadBackDigestIsTheServersAndFollowsWhatTheServerHolds(DatabaseServer server)
      throws Exception {
    String db = server.createDatabase("read_back");
    try (Connection c = server.connect(db);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE keyed (id INT PRIMARY KEY, v VARCHAR(20), d DECIMAL(8,2), t DATETIME(3),"
              + " b VARBINARY(8)) DEFAULT CHARSET=utf8mb4");
      s.execute(
          "INSERT INTO keyed VALUES (1, 'a', 1.50, '2024-01-01 00:00:00.125', X'00FF'),"
              + " (2, 'bé', NULL, NULL, X''), (3, '', -2.00, '1999-12-31 23:59:59', NULL),"
              + " (4, 'tab\\there', 0, '2000-01-01', X'0A')");
      s.execute("CREATE TABLE keyless (v VARCHAR(20), n INT) DEFAULT CHARSET=utf8mb4");
      s.execute("INSERT INTO keyless VALUES ('x', 1), ('x', 1), (NULL, 2)");
      assertTrue(ClientRowHash.rawResults(c));
      Schema schema = SourceSchema.read(c, db);
      for (Table table : schema.tables()) {
        assertTrue(ReadBack.applies(table, true), table.name());
        for (Chunk chunk : ChunkPlanner.plan(c, table, 2)) {
          assertEquals(RowHash.of(c, chunk), ReadBack.of(c, chunk), chunk.toString());
        }
      }
      Table keyed = table(schema, "keyed");
      Chunk first = ChunkPlanner.plan(c, keyed, 2).get(0);
      RowHash before = ReadBack.of(c, first);
      assertEquals(2, before.rows());
      s.execute("UPDATE keyed SET v = 'b' WHERE id = 1");
      RowHash changed = ReadBack.of(c, first);
      assertNotEquals(before, changed, "one byte of one row changed");
      assertEquals(RowHash.of(c, first), changed);
      s.execute("DELETE FROM keyed WHERE id = 2");
      assertEquals(1, ReadBack.of(c, first).rows());
      Table keyless = table(schema, "keyless");
      Chunk whole = ChunkPlanner.plan(c, keyless, 2).get(0);
      RowHash three = ReadBack.of(c, whole);
      s.execute("DELETE FROM keyless WHERE n = 1 LIMIT 1");
      RowHash two = ReadBack.of(c, whole);
      assertEquals(List.of(3L, 2L), List.of(three.rows(), two.rows()));
      assertNotEquals(three.crcSum(), two.crcSum(), "a duplicate row of a keyless table counts");
    }
  }

  private static Table table(Schema schema, String name) {
    return schema.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
