package dev.workerdi.samples.backup;

import dev.workerdi.lifecycle.WorkerHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A backup of the source database into a directory ({@link DumpFiles} has the layout), on a host
 * with the source database only: a coroutine reads the schema and writes the schema, object and
 * plan files (or, for an interrupted backup, reads the plan back); K coroutines write the chunk
 * files, all reading one consistent snapshot ({@link ParallelCopy}); every chunk file is read back
 * and its checksum checked; the {@code metadata} file (snapshot position, per-table rows and
 * digests) is written last. Not thread-safe: one per run.
 */
final class DirectoryBackup extends DirectoryRun {
  private DirectoryBackup(
      WorkerHost host, BackupOptions options, AtomicBoolean cancelled, long started) {
    super(host, options, cancelled, started, options.toDirectory);
  }

  static BackupReport run(BackupOptions options, AtomicBoolean cancelled, long started) {
    try (DirectoryLock lock = DirectoryLock.acquire(options.toDirectory)) {
      options.source().connect(options.sourceDatabase).close();
      if (options.fresh) {
        clear(options.toDirectory);
      }
      WorkerHost host = BackupHost.start(options, true, false);
      try {
        return new DirectoryBackup(host, options, cancelled, started).run();
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    } catch (SQLException e) {
      throw new BackupException("Cannot reach the source database " + options.describeSource(), e);
    }
  }

  /** Removes an earlier backup's files from {@code dir} (a fresh backup); other files stay. */
  private static void clear(Path dir) {
    try {
      for (String name : List.of(DumpFiles.METADATA, DumpFiles.PLAN, DumpFiles.PLAN + ".header")) {
        Files.deleteIfExists(dir.resolve(name));
      }
      for (String sub : List.of("data", "schema", "objects")) {
        Path folder = dir.resolve(sub);
        if (Files.isDirectory(folder)) {
          try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
              Files.delete(file);
            }
          }
          Files.delete(folder);
        }
      }
    } catch (IOException e) {
      throw new BackupException(
          "Cannot clear the backup directory " + dir + " for a fresh backup", e);
    }
  }

  private BackupReport run() {
    phases.lap("start");
    Plan plan = phases.inCoroutine("reading and planning", this::prepare);
    phases.lap("prepare");
    ParallelCopy copy =
        copy(
            plan,
            true,
            (injector, source, snapshot, beforeCommit) ->
                new ChunkFileWriter(source, dir, snapshot, beforeCommit, options.loadData));
    Plan copied = plan.withCopied(copy.copied());
    phases.inCoroutine("reading the sequences", () -> writeSequences(plan.schema()));
    phases.lap("copy");
    List<TableReport> tables = verifyFiles(copied);
    phases.lap("verify");
    List<String> warnings = new ArrayList<>();
    if (!copy.point().consistent()) {
      warnings.add(
          "WARNING: --no-lock: the chunk files were not read in one snapshot, so if the source was"
              + " written to during the backup the backup is NOT consistent");
    }
    if (copied.snapshots().size() > 1) {
      warnings.add(
          "WARNING: this backup was resumed: its chunks were read in "
              + copied.snapshots().size()
              + " different snapshots ("
              + String.join("; ", copied.snapshots())
              + ")");
    }
    BackupReport report =
        report(plan, copy, tables, plan.schema().skipped(), copy.point(), warnings);
    if (report.allEqual()) {
      writeMetadata(copied, copy.point());
    }
    return report;
  }

  /** The sequences' state once the rows are copied (see {@link Sequence}), in their file. */
  private Void writeSequences(Schema schema) throws Exception {
    List<Sequence> now =
        Sequence.reread(BackupHost.source(host.injector()).connection(), schema.sequences());
    DumpFiles.write(dir.resolve(DumpFiles.SEQUENCES), Sequence.toProperties(now));
    return null;
  }

  private Plan prepare() throws Exception {
    Connection source = BackupHost.source(host.injector()).connection();
    Schema schema = SourceSchema.read(source, options.sourceDatabase);
    String version = Preparation.version(source);
    Map<String, Table> byName = new LinkedHashMap<>();
    schema.tables().forEach(t -> byName.put(t.name(), t));
    if (DumpPlan.exists(dir)) {
      DumpPlan saved = DumpPlan.read(dir);
      if (!saved.database().equals(options.sourceDatabase)) {
        throw new IllegalStateException(
            "The directory "
                + dir
                + " holds a backup of "
                + saved.database()
                + ", not of "
                + options.sourceDatabase
                + ": choose another directory");
      }
      List<Chunk> chunks = saved.chunks(dir, byName);
      return new Plan(schema, chunks, version, "directory", chunks.stream().anyMatch(Chunk::done));
    }
    for (Table table : schema.tables()) {
      DumpFiles.write(DumpFiles.schemaFile(dir, table.name()), table.createSql() + ";\n");
    }
    ObjectFiles.write(dir, schema);
    List<Chunk> chunks = new ArrayList<>();
    for (Table table : schema.tables()) {
      chunks.addAll(ChunkPlanner.plan(source, table, options.chunkRows));
    }
    DumpPlan.of(schema, version, chunks).write(dir);
    return new Plan(schema, chunks, version, "directory", false);
  }

  /** Reads every chunk file back: its checksum must be the one recorded when it was written. */
  private List<TableReport> verifyFiles(Plan plan) {
    List<TableReport> reports = new ArrayList<>();
    for (Table table : plan.schema().tables()) {
      RowHash sum = RowHash.empty();
      List<String> damaged = new ArrayList<>();
      for (Chunk chunk : plan.chunksOf(table)) {
        sum = sum.plus(chunk.sourceHash());
        Path file = DumpFiles.chunkFile(dir, chunk);
        try {
          Properties done = DumpFiles.read(DumpFiles.doneFile(dir, chunk));
          if (DumpFiles.mismatch(done, Files.readAllBytes(file)) != null) {
            damaged.add(file.getFileName().toString());
          }
        } catch (IOException | RuntimeException e) {
          damaged.add(file.getFileName() + " (" + e.getMessage() + ")");
        }
      }
      reports.add(
          new TableReport(
              table.name(),
              table.describeKey(),
              sum.rows(),
              sum.rows(),
              sum.text(),
              damaged.isEmpty() ? sum.text() : "damaged " + damaged,
              "CRC-32C of the chunk files"));
    }
    return reports;
  }

  private void writeMetadata(Plan plan, SnapshotPoint point) {
    Properties m = new Properties();
    m.setProperty("database", options.sourceDatabase);
    m.setProperty("source", options.describeSource());
    m.setProperty("sourceVersion", plan.sourceVersion());
    m.setProperty("snapshot", point.describe());
    m.setProperty("snapshot.method", point.method());
    m.setProperty("snapshot.binlogFile", point.binlogFile() == null ? "" : point.binlogFile());
    m.setProperty("snapshot.binlogPosition", Long.toString(point.binlogPosition()));
    m.setProperty("snapshot.gtid", point.gtid());
    m.setProperty("snapshot.at", point.at().toString());
    m.setProperty("snapshots", String.join(" | ", plan.snapshots()));
    m.setProperty("finished", Instant.now().toString());
    List<Table> tables = plan.schema().tables();
    m.setProperty("tables", Integer.toString(tables.size()));
    for (int i = 0; i < tables.size(); i++) {
      RowHash sum =
          plan.chunksOf(tables.get(i)).stream()
              .map(Chunk::sourceHash)
              .reduce(RowHash.empty(), RowHash::plus);
      m.setProperty("table." + i + ".name", tables.get(i).name());
      m.setProperty("table." + i + ".rows", Long.toString(sum.rows()));
      m.setProperty("table." + i + ".digest", sum.text());
    }
    try {
      DumpFiles.write(dir.resolve(DumpFiles.METADATA), m);
    } catch (IOException e) {
      throw new BackupException("Cannot write " + dir.resolve(DumpFiles.METADATA), e);
    }
  }
}
