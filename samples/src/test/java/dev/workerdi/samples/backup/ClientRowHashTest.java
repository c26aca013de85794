package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row digest computed by the client from the values it reads ({@link ClientRowHash}) equals the
 * one the server computes ({@link RowHash#of}) for every chunk of tables with every kind of column
 * the client hashes, NULLs, text in character sets other than UTF-8 (latin1, cp1251, utf16) and a
 * table without a key (whose digest adds CRC32s); and such text survives a database copy and a
 * directory backup and restore byte for byte.
 */
@RealDatabase
class ClientRowHashTest {
  private static final Map<String, String> TABLES =
      Map.of(
          "kinds",
          "CREATE TABLE kinds (id INT PRIMARY KEY, d DECIMAL(12,4), f FLOAT, g DOUBLE,"
              + " t DATETIME(6), y YEAR, tm TIME(3), b BIT(10), e ENUM('a','bé'), s SET('x','y'),"
              + " v VARCHAR(40), l1 VARCHAR(40) CHARACTER SET latin1, cy VARCHAR(40) CHARACTER SET cp1251,"
              + " u16 VARCHAR(40) CHARACTER SET utf16, bin VARBINARY(20), blb BLOB, pt POINT,"
              + " geo GEOMETRY) DEFAULT CHARSET=utf8mb4",
          "keyless",
          "CREATE TABLE keyless (v VARCHAR(20) CHARACTER SET latin1, n INT) DEFAULT CHARSET=utf8mb4");
  private static final List<String> ROWS =
      List.of(
          "INSERT INTO kinds VALUES (1, 12.5, 1.25, 1e-300, '2024-02-29 23:59:59.123456', 1999,"
              + " '-838:59:59.000', b'1010101010', 'bé', 'x,y', 'tab\\there\\nnew ñ 😀',"
              + " 'café \\\\ back', 'Привет', 'Ωmega 😀', X'00FF0A09', X'5C00', ST_GeomFromText('POINT(1 2)'),"
              + " ST_GeomFromText('LINESTRING(0 0, 1 1)', 4326))",
          "INSERT INTO kinds (id) VALUES (2)",
          "INSERT INTO kinds (id, v, l1, cy, u16, bin) VALUES (3, '', '', '', '', X'')",
          "INSERT INTO kinds (id, d, g, l1) VALUES (4, -0.0001, -2.5e17, 'ÿ\\0z')",
          "INSERT INTO keyless VALUES ('élan', 1), ('élan', 1), (NULL, 2), ('', NULL)");
  private static String source;

  @BeforeAll
  static void create(DatabaseServer server) throws Exception {
    source = server.createDatabase("client_hash_src");
    try (Connection c = server.connect(source);
        Statement s = c.createStatement()) {
      for (String create : TABLES.values()) {
        s.execute(create);
      }
      for (String insert : ROWS) {
        s.execute(insert);
      }
    }
  }

  @Test
  void theClientsDigestOfEveryChunkIsTheServers(DatabaseServer server) throws Exception {
    try (Connection c = server.connect(source)) {
      assertTrue(ClientRowHash.rawResults(c), "the driver leaves results unconverted");
      Schema schema = SourceSchema.read(c, source);
      assertEquals(2, schema.tables().size());
      for (Table table : schema.tables()) {
        assertTrue(ClientRowHash.applies(table), table.name());
        List<Chunk> chunks = ChunkPlanner.plan(c, table, 2);
        for (Chunk chunk : chunks) {
          RowHash.Accumulator client = RowHash.accumulator(table, true);
          assertTrue(client instanceof ClientRowHash);
          RowHash.Accumulator serverSide = RowHash.accumulator(table, false);
          try (PreparedStatement select = c.prepareStatement(chunk.selectSql(true))) {
            if (table.keyed()) {
              new Keyset(table.key()).bind(select, 1, chunk.lo(), chunk.hi());
            }
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                client.add(rows);
                serverSide.add(rows);
              }
            }
          }
          RowHash expected = RowHash.of(c, chunk);
          assertEquals(expected, serverSide.digest(), chunk + " (server, in the query)");
          assertEquals(expected, client.digest(), chunk + " (client)");
        }
      }
    }
  }

  @Test
  void textInOtherCharacterSetsIsCopiedAndRestoredExactly(DatabaseServer server, @TempDir Path dir)
      throws Exception {
    String copy = server.createDatabase("client_hash_copy");
    BackupReport copied =
        Backup.run(
            Dbs.options(server, source, copy)
                .chunkRows(2)
                .verify(BackupOptions.Verify.SQL_HASH)
                .build());
    assertTrue(copied.allEqual(), copied.summary());
    BackupReport dumped =
        Backup.run(
            BackupOptions.builder()
                .source(server.jdbcUrl(""), server.user(), server.password())
                .databases(source, "unused")
                .toDirectory(dir)
                .chunkRows(2)
                .build());
    assertTrue(dumped.allEqual(), dumped.summary());
    String restored = server.createDatabase("client_hash_restored");
    BackupReport loaded =
        Backup.run(
            BackupOptions.builder()
                .target(server.jdbcUrl(""), server.user(), server.password())
                .databases("backup_source", restored)
                .restoreFrom(dir)
                .build());
    assertTrue(loaded.allEqual(), loaded.summary());
    for (String table : TABLES.keySet()) {
      String bytes =
          "SELECT COUNT(*), GROUP_CONCAT(HEX(l1) ORDER BY id), GROUP_CONCAT(HEX(cy) ORDER BY id),"
              + " GROUP_CONCAT(HEX(u16) ORDER BY id), GROUP_CONCAT(HEX(v) ORDER BY id) FROM kinds";
      if (table.equals("keyless")) {
        bytes = "SELECT COUNT(*), GROUP_CONCAT(HEX(v), ':', n ORDER BY v, n) FROM keyless";
      }
      String expected = row(server, source, bytes);
      assertEquals(expected, row(server, copy, bytes), table + " copied");
      assertEquals(expected, row(server, restored, bytes), table + " restored");
    }
  }

  private static String row(DatabaseServer server, String database, String sql) throws Exception {
    try (Connection c = server.connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      StringBuilder out = new StringBuilder();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        out.append(r.getString(i)).append(" | ");
      }
      return out.toString();
    }
  }
}
