package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which verification each table gets ({@link Verifier#checksummed}) and that each one catches what
 * it must: on one server, every InnoDB table is compared by {@code CHECKSUM TABLE} taken inside the
 * snapshot, and a table of another engine chunk by chunk; a row changed in the target is caught; a
 * resumed run verifies by {@code CHECKSUM TABLE} the tables whose chunks an earlier run only
 * counted, whatever it is asked; across server versions, on MySQL or without the lock, the
 * per-chunk hashes stay.
 */
@RealDatabase
class VerifyMethodTest {
  private static final Map<String, String> CHANGES =
      Map.of(
          "customers", "UPDATE customers SET name = CONCAT(name, '!')",
          "orders", "UPDATE orders SET amount = amount + 1",
          "products", "UPDATE products SET title = CONCAT(title, '!')",
          "readings", "UPDATE readings SET value = value + 1",
          "audit_log", "UPDATE audit_log SET new_balance = COALESCE(new_balance, 0) + 1",
          "events", "UPDATE events SET message = CONCAT(COALESCE(message, ''), '!')");

  private static String source;

  @BeforeAll
  static void generate(DatabaseServer server) throws Exception {
    source = server.createDatabase("verify_src");
    SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, 1_000);
    Dbs.execute(
        server,
        source,
        "CREATE TABLE archive (id INT NOT NULL PRIMARY KEY, note VARCHAR(40) NOT NULL) ENGINE=Aria");
    Dbs.execute(
        server, source, "INSERT INTO archive SELECT seq, CONCAT('note ', seq) FROM seq_1_to_500");
  }

  @Test
  void onOneServerInnoDbTablesAreComparedByChecksumTableAndOtherEnginesChunkByChunk(
      DatabaseServer server) throws Exception {
    String target = server.createDatabase("verify_one_server");
    BackupReport report = Backup.run(Dbs.options(server, source, target).chunkRows(200).build());

    assertTrue(report.allEqual(), report.summary());
    Map<String, String> methods =
        report.tables().stream().collect(Collectors.toMap(TableReport::table, TableReport::method));
    assertEquals("read-back hash", methods.get("archive"), report.summary());
    for (String table : Dbs.TABLES) {
      assertEquals("CHECKSUM TABLE", methods.get(table), report.summary());
    }
    assertTrue(
        report.summary().contains("checksums equal (CHECKSUM TABLE; read-back hash)")
            || report.summary().contains("checksums equal (read-back hash; CHECKSUM TABLE)"),
        report.summary());
  }

  @Test
  void aRowChangedInTheTargetBetweenTwoRunsIsCaughtByTheChecksum(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("verify_changed");
    BackupOptions.Builder options =
        Dbs.options(server, source, target).concurrency(1).chunkRows(100);
    assertThrows(BackupException.class, () -> Backup.run(options.crashAfterChunks(4).build()));
    String changed =
        doneTables(server, target).stream()
            .filter(CHANGES::containsKey)
            .sorted()
            .findFirst()
            .orElseThrow();
    assertNull(
        Dbs.string(
            server,
            target,
            "SELECT MAX(source_md5_xor) FROM _backup_checkpoint WHERE done AND table_name = '"
                + changed
                + "'"),
        "a chunk of a checksummed table is only counted: its checkpoint has no digest");
    Dbs.execute(server, target, CHANGES.get(changed));

    BackupReport report = Backup.run(options.crashAfterChunks(-1).build());

    assertFalse(report.allEqual(), report.summary());
    TableReport table =
        report.tables().stream().filter(t -> t.table().equals(changed)).findFirst().orElseThrow();
    assertFalse(table.equal(), report.summary());
    assertEquals("CHECKSUM TABLE", table.method());
    assertEquals(table.sourceRows(), table.targetRows(), "same rows, other content");
    assertTrue(report.summary().contains("VERIFICATION FAILED: [" + changed + "]"));
  }

  @Test
  void chunksOnlyCountedByAnEarlierRunAreVerifiedByChecksumTableWhateverTheNextRunAsks(
      DatabaseServer server) throws Exception {
    String target = server.createDatabase("verify_mixed_runs");
    BackupOptions.Builder options =
        Dbs.options(server, source, target).concurrency(1).chunkRows(100);
    assertThrows(BackupException.class, () -> Backup.run(options.crashAfterChunks(4).build()));
    Set<String> counted = doneTables(server, target);

    BackupReport report =
        Backup.run(options.crashAfterChunks(-1).verify(BackupOptions.Verify.READ_BACK).build());

    assertTrue(report.allEqual(), report.summary());
    for (TableReport table : report.tables()) {
      assertEquals(
          counted.contains(table.table()) && !table.table().equals("archive")
              ? "CHECKSUM TABLE"
              : "read-back hash",
          table.method(),
          report.summary());
    }
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));
  }

  @Test
  void acrossVersionsOrWithoutTheLockAutoKeepsThePerChunkHashes(DatabaseServer server)
      throws Exception {
    Schema schema;
    try (Connection c = server.connect(source)) {
      schema = SourceSchema.read(c, source);
    }
    List<Chunk> planned =
        schema.tables().stream().map(t -> Chunk.planned(t, 0, null, null, 10)).toList();
    BackupOptions.Builder options = Dbs.options(server, source, "verify_unused");
    Set<String> innoDb =
        schema.tables().stream()
            .map(Table::name)
            .filter(n -> !n.equals("archive"))
            .collect(Collectors.toSet());

    Plan same = new Plan(schema, planned, "10.11.9-MariaDB", "10.11.9-MariaDB", false);
    Plan other = new Plan(schema, planned, "10.11.9-MariaDB", "11.4.5-MariaDB", false);
    assertEquals(innoDb, Verifier.checksummed(options.build(), same));
    assertEquals(Set.of(), Verifier.checksummed(options.build(), other));
    Plan mysql = new Plan(schema, planned, "8.4.3", "8.4.3", false);
    assertEquals(
        Set.of(),
        Verifier.checksummed(options.build(), mysql),
        "MySQL keeps the per-chunk hashes: CHECKSUM TABLE in a snapshot is checked on MariaDB only");
    assertEquals(Set.of(), Verifier.checksummed(options.noLock(true).build(), same));
    options.noLock(false);
    assertEquals(
        Set.of(),
        Verifier.checksummed(options.verify(BackupOptions.Verify.READ_BACK).build(), same));
    assertEquals(
        Set.of(),
        Verifier.checksummed(options.verify(BackupOptions.Verify.SQL_HASH).build(), same));
    assertEquals(
        schema.tables().stream().map(Table::name).collect(Collectors.toSet()),
        Verifier.checksummed(options.verify(BackupOptions.Verify.CHECKSUM_TABLE).build(), other));

    Table first = schema.tables().get(0);
    Chunk counted = Chunk.planned(first, 0, null, null, 10).counted(10, "snapshot");
    Plan resumed = new Plan(schema, List.of(counted), "10.11.9-MariaDB", "11.4.5-MariaDB", true);
    assertEquals(
        Set.of(first.name()),
        Verifier.checksummed(options.verify(BackupOptions.Verify.READ_BACK).build(), resumed),
        "a chunk without a digest can only be verified with its table's CHECKSUM TABLE");
  }

  /** The tables of which the interrupted run in {@code target} finished chunks. */
  private static Set<String> doneTables(DatabaseServer server, String target) throws Exception {
    try (Connection c = server.connect(target)) {
      Set<String> tables =
          Set.copyOf(
              Jdbc.strings(
                  c,
                  "SELECT DISTINCT table_name FROM _backup_checkpoint WHERE done AND table_name <> ''"));
      assertFalse(tables.isEmpty(), "the interrupted run finished chunks");
      return tables;
    }
  }
}
