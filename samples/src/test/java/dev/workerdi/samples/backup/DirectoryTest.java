package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.EmbeddedMariaDb;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory format: a backup into a directory and its restore into another database are each
 * concurrent, resumable after a crash with no duplicate or missing row, and verified; a damaged
 * chunk file is refused; a backup of one server restores into another and verifies by per-chunk
 * hashes.
 */
@RealDatabase
class DirectoryTest {
  private static String source;

  @BeforeAll
  static void generate(DatabaseServer server) {
    source = server.createDatabase("bk14_dir_src");
    SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, 2_000);
  }

  private static BackupOptions.Builder dump(DatabaseServer server, Path dir) {
    return BackupOptions.builder()
        .source(server.jdbcUrl(""), server.user(), server.password())
        .databases(source, "unused")
        .toDirectory(dir)
        .concurrency(3)
        .chunkRows(150);
  }

  private static BackupOptions.Builder restore(DatabaseServer server, Path dir, String into) {
    return BackupOptions.builder()
        .target(server.jdbcUrl(""), server.user(), server.password())
        .databases("backup_source", into)
        .restoreFrom(dir)
        .concurrency(3);
  }

  @Test
  void aBackupDirectoryRestoresToAnEqualDatabase(DatabaseServer server, @TempDir Path dir)
      throws Exception {
    BackupReport backup = Backup.run(dump(server, dir).build());
    assertTrue(backup.allEqual(), backup.summary());
    Properties metadata = DumpFiles.read(dir.resolve("metadata"));
    assertEquals(source, metadata.getProperty("database"));
    assertTrue(
        metadata.getProperty("snapshot").startsWith("consistent snapshot"), metadata.toString());
    try (Stream<Path> data = Files.list(dir.resolve("data"))) {
      List<String> names = data.map(p -> p.getFileName().toString()).toList();
      assertTrue(
          names.stream().filter(n -> n.endsWith(".gz")).count() == backup.totalChunks(),
          names.toString());
      assertTrue(
          names.stream().anyMatch(n -> n.endsWith(".tsv.gz"))
              && names.stream().anyMatch(n -> n.endsWith(".sql.gz")),
          "tab-separated chunks, and INSERT chunks for the tables with spatial columns: " + names);
      assertTrue(
          names.stream().filter(n -> n.endsWith(".done")).count() == backup.totalChunks(),
          names.toString());
    }
    assertTrue(Files.exists(dir.resolve("schema").resolve("customers.sql")));

    String target = server.createDatabase("bk14_dir_dst");
    BackupReport restored = Backup.run(restore(server, dir, target).build());
    assertTrue(restored.allEqual(), restored.summary());
    assertEquals(
        Dbs.checksums(server, source),
        Dbs.checksums(server, target),
        "checksums computed by the test");
    assertEquals(2, restored.views());
    assertEquals(1, restored.triggers());
    Dbs.assertKeysUnique(server, target);
  }

  @Test
  void anInterruptedBackupAndAnInterruptedRestoreResumeWithEveryRowOnce(
      DatabaseServer server, @TempDir Path dir) throws Exception {
    assertThrows(
        BackupException.class, () -> Backup.run(dump(server, dir).crashAfterChunks(4).build()));
    assertTrue(!Files.exists(dir.resolve("metadata")), "an unfinished backup has no metadata");
    String target = server.createDatabase("bk14_dir_early");
    BackupException unfinished =
        assertThrows(BackupException.class, () -> Backup.run(restore(server, dir, target).build()));
    assertTrue(
        unfinished.getMessage().contains("holds no finished backup"), unfinished.getMessage());
    BackupReport resumed = Backup.run(dump(server, dir).build());
    assertTrue(resumed.allEqual() && resumed.resumedChunks() >= 4, resumed.summary());

    assertThrows(
        BackupException.class,
        () -> Backup.run(restore(server, dir, target).crashAfterChunks(5).build()));
    long done =
        Dbs.count(
            server,
            target,
            "SELECT COUNT(*) FROM _backup_checkpoint WHERE done AND table_name <> ''");
    assertTrue(done >= 5, done + " chunks restored before the crash");
    BackupReport restored = Backup.run(restore(server, dir, target).build());
    assertTrue(restored.allEqual() && restored.resumedChunks() == done, restored.summary());
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));
    Dbs.assertKeysUnique(server, target);
  }

  @Test
  void aDamagedChunkFileIsRefusedAndNothingOfItIsCommitted(DatabaseServer server, @TempDir Path dir)
      throws Exception {
    assertTrue(Backup.run(dump(server, dir).build()).allEqual());
    Path chunk;
    try (var files =
        Files.list(
            dir.resolve("data"))) { // customers.NNNNN.tsv.gz (LOAD DATA) or .sql.gz (INSERTs)
      chunk =
          files
              .filter(
                  f -> f.getFileName().toString().matches("customers\\.\\d{5}\\.(tsv|sql)\\.gz"))
              .sorted()
              .reduce((first, second) -> second)
              .orElseThrow();
    }
    String name = chunk.getFileName().toString();
    int chunkNumber = Integer.parseInt(name.split("\\.")[1]);
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(chunk, bytes);
    String target = server.createDatabase("bk14_dir_bad");
    BackupException refused =
        assertThrows(
            BackupException.class,
            () -> Backup.run(restore(server, dir, target).concurrency(1).build()));
    assertTrue(
        refused.getMessage().contains(name)
            && refused.getMessage().contains(" is damaged: its CRC-32C is ")
            && refused.getMessage().contains("nothing of it was loaded"),
        refused.getMessage());
    assertEquals(
        0,
        Dbs.count(
            server,
            target,
            "SELECT COUNT(*) FROM _backup_checkpoint WHERE table_name = 'customers'"
                + " AND chunk_no = "
                + chunkNumber
                + " AND done"));
  }

  @Test
  void aBackupThatRecordedSha256OfItsFilesStillRestoresAndADamagedOneIsRefused(
      DatabaseServer server, @TempDir Path dir) throws Exception {
    assertTrue(Backup.run(dump(server, dir).build()).allEqual());
    List<Path> doneFiles;
    try (Stream<Path> files = Files.list(dir.resolve("data"))) {
      doneFiles = files.filter(f -> f.getFileName().toString().endsWith(".done")).sorted().toList();
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path done : doneFiles) {
      Properties properties = DumpFiles.read(done);
      String base = done.getFileName().toString().replace(".done", "");
      Path file;
      try (Stream<Path> files = Files.list(dir.resolve("data"))) {
        file =
            files
                .filter(
                    f ->
                        f.getFileName()
                            .toString()
                            .matches(Pattern.quote(base) + "\\.(tsv|sql)\\.gz"))
                .findFirst()
                .orElseThrow();
      }
      assertTrue(properties.remove(DumpFiles.CHECKSUM) != null, properties.toString());
      properties.setProperty(
          "sha256", HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
      DumpFiles.write(done, properties);
    }
    String target = server.createDatabase("bk14_dir_sha");
    BackupReport restored = Backup.run(restore(server, dir, target).build());
    assertTrue(restored.allEqual(), restored.summary());
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));

    Path last = doneFiles.get(doneFiles.size() - 1);
    Properties properties = DumpFiles.read(last);
    properties.setProperty("sha256", "0".repeat(64));
    DumpFiles.write(last, properties);
    String again = server.createDatabase("bk14_dir_sha_bad");
    BackupException refused =
        assertThrows(BackupException.class, () -> Backup.run(restore(server, dir, again).build()));
    assertTrue(
        refused.getMessage().contains("damaged: its SHA-256 is ")
            && refused.getMessage().contains(", the backup recorded " + "0".repeat(64)),
        refused.getMessage());

    properties.remove("sha256");
    DumpFiles.write(last, properties);
    String third = server.createDatabase("bk14_dir_sum_none");
    BackupException unchecked =
        assertThrows(BackupException.class, () -> Backup.run(restore(server, dir, third).build()));
    assertTrue(
        unchecked
            .getMessage()
            .contains(
                " is damaged: its .done file records no checksum (crc32c), so the file cannot be"
                    + " trusted: back the database up again; nothing of it was loaded"),
        unchecked.getMessage());
  }

  @Test
  void aBackupOfOneServerRestoresIntoAnotherAndVerifiesByChunkHashes(
      DatabaseServer server, @TempDir Path dir) throws Exception {
    assertTrue(Backup.run(dump(server, dir).build()).allEqual());
    try (EmbeddedMariaDb other = EmbeddedMariaDb.start()) {
      BackupReport restored =
          Backup.run(
              BackupOptions.builder()
                  .target(other.jdbcUrl(""), other.user(), other.password())
                  .databases("backup_source", "bk14_dir_other")
                  .restoreFrom(dir)
                  .concurrency(3)
                  .build());
      assertTrue(restored.allEqual(), restored.summary());
      assertTrue(
          restored.tables().stream().allMatch(t -> t.method().equals("read-back hash")),
          restored.summary());
      System.out.println(
          "DIRECTORY cross-server: backup of "
              + server.serverVersion()
              + " restored into "
              + other
              + ":\n"
              + restored.summary());
    }
  }
}
