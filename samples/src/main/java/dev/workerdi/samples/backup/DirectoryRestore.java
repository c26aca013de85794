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
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A restore of a finished backup directory into the target database, on a host with the target
 * database only: the target database is created with the backup's character set; a coroutine
 * creates the tables and saves the plan in the target's checkpoint table (or finds the plan of an
 * interrupted restore); K coroutines load the chunk files ({@link ChunkFileLoader}: each file's
 * rows and its checkpoint in one transaction, after its checksum is checked); views, routines and
 * triggers are created; every chunk of the target is hashed by the target server and compared with
 * the source digest recorded in the backup (so a backup of one server verifies on another); events
 * come last. Not thread-safe: one per run.
 */
final class DirectoryRestore extends DirectoryRun {
  private DirectoryRestore(
      WorkerHost host, BackupOptions options, AtomicBoolean cancelled, long started) {
    super(host, options, cancelled, started, options.fromDirectory);
  }

  static BackupReport run(BackupOptions options, AtomicBoolean cancelled, long started) {
    Path dir = options.fromDirectory;
    if (!Files.exists(dir.resolve(DumpFiles.METADATA)) || !DumpPlan.exists(dir)) {
      throw new BackupException(
          "The directory "
              + dir
              + " holds no finished backup (no "
              + DumpFiles.METADATA
              + " file): finish the backup first (run it again into the same directory to resume it)",
          null);
    }
    try (TargetGuard guard = TargetGuard.acquire(options.target(), options.targetDatabase)) {
      DumpPlan plan = DumpPlan.read(dir);
      createDatabase(options, plan);
      WorkerHost host = BackupHost.start(options, false, true);
      try {
        return new DirectoryRestore(host, options, cancelled, started).run(plan);
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    } catch (IOException e) {
      throw new BackupException("Cannot read the backup directory " + dir, e);
    }
  }

  private static void createDatabase(BackupOptions options, DumpPlan plan) {
    Endpoint target = options.target();
    try (Connection connection = target.connect("")) {
      if (options.fresh) {
        Jdbc.execute(connection, "DROP DATABASE IF EXISTS " + Jdbc.q(options.targetDatabase));
      }
      Jdbc.execute(
          connection,
          "CREATE DATABASE IF NOT EXISTS "
              + Jdbc.q(options.targetDatabase)
              + " CHARACTER SET "
              + plan.charset()
              + " COLLATE "
              + plan.collation());
    } catch (SQLException e) {
      throw new BackupException(
          "Cannot create the target database " + options.describeTarget(), target.masked(e));
    }
  }

  private BackupReport run(DumpPlan dump) throws IOException {
    phases.lap("start");
    Plan plan = phases.inCoroutine("creating the tables and planning", () -> prepare(dump));
    phases.lap("prepare");
    ParallelCopy copy =
        copy(
            plan,
            false,
            (injector, source, snapshot, beforeCommit) ->
                new ChunkFileLoader(
                    BackupHost.target(injector).connection(),
                    dir,
                    beforeCommit,
                    method() == BackupOptions.Verify.READ_BACK));
    Plan copied = plan.withCopied(copy.copied());
    phases.lap("copy");
    Map<String, String> creates = createStatements(dump);
    if (DeferredIndexes.allowed(List.copyOf(creates.values()))) {
      try {
        DeferredIndexes.build(host, creates);
      } catch (CompletionException e) {
        throw Phases.failure("adding the secondary indexes", e.getCause());
      }
    }
    phases.lap("indexes");
    List<String> notes = new ArrayList<>();
    phases.inCoroutine(
        "creating views, routines and triggers", () -> objects(plan.schema(), notes, false));
    phases.lap("objects");
    List<TableReport> tables;
    try {
      tables = Verifier.verify(host, copied, method(), options.workers, Map.of(), Map.of());
    } catch (CompletionException e) {
      throw Phases.failure("verifying", e.getCause());
    }
    phases.lap("verify");
    phases.inCoroutine("creating events", () -> objects(plan.schema(), notes, true));
    Properties metadata = DumpFiles.read(dir.resolve(DumpFiles.METADATA));
    SnapshotPoint point =
        new SnapshotPoint(
            metadata.getProperty("snapshot.method"),
            blankToNull(metadata.getProperty("snapshot.binlogFile")),
            Long.parseLong(metadata.getProperty("snapshot.binlogPosition")),
            metadata.getProperty("snapshot.gtid"),
            Instant.parse(metadata.getProperty("snapshot.at")));
    BackupReport report = report(plan, copy, tables, List.of(), point, notes);
    if (report.allEqual() && !options.keepCheckpoints) {
      phases.inCoroutine(
          "dropping the checkpoints",
          () -> {
            Checkpoints.drop(BackupHost.target(host.injector()).connection());
            return null;
          });
    }
    return report;
  }

  /**
   * How the restore verifies: by per-chunk hashes against the digests the backup recorded, read
   * back ({@link BackupOptions.Verify#AUTO}) or computed by the target server ({@code SQL_HASH});
   * never by {@code CHECKSUM TABLE}, which has no source to compare with.
   */
  private BackupOptions.Verify method() {
    return Verifier.method(options.verify) == BackupOptions.Verify.READ_BACK
        ? BackupOptions.Verify.READ_BACK
        : BackupOptions.Verify.SQL_HASH;
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /**
   * Creates the tables (those without a saved plan), reads them back, and loads or saves the plan.
   */
  private Plan prepare(DumpPlan dump) throws Exception {
    Connection target = BackupHost.target(host.injector()).connection();
    boolean resumed =
        Preparation.startOrResume(
            target,
            options,
            dump.database(),
            "restore or backup",
            " and no unfinished restore to resume: pass --fresh to replace them, or choose another");
    List<String> planned =
        Jdbc.strings(
            target,
            "SELECT DISTINCT table_name FROM "
                + Jdbc.q(Checkpoints.TABLE)
                + " WHERE table_name <> ''");
    Map<String, String> creates = createStatements(dump);
    boolean deferred = DeferredIndexes.allowed(List.copyOf(creates.values()));
    List<Sequence> sequences = sequences();
    for (Sequence sequence : sequences) {
      sequence.create(target); // before the tables: a column's default may name it
    }
    Map<String, Long> chunksOf =
        dump.lines().stream().collect(Collectors.groupingBy(l -> l[0], Collectors.counting()));
    Map<String, String> toCreate = new LinkedHashMap<>();
    for (String table : dump.tables()) {
      if (!planned.contains(table)) {
        toCreate.put(
            table,
            DeferredIndexes.forCreation(
                creates.get(table), deferred, chunksOf.getOrDefault(table, 0L)));
      }
    }
    Preparation.createTables(host.injector(), toCreate, resumed, options);
    Schema restored = SourceSchema.read(target, options.targetDatabase);
    Map<String, Table> byName = new LinkedHashMap<>();
    restored.tables().forEach(t -> byName.put(t.name(), t));
    List<Chunk> backedUp = dump.chunks(dir, byName);
    Map<String, List<Chunk>> saved = Checkpoints.load(target, restored.tables());
    List<Chunk> chunks = new ArrayList<>();
    List<Chunk> toSave = new ArrayList<>();
    for (String table : dump.tables()) {
      List<Chunk> ofTable = backedUp.stream().filter(c -> c.table().name().equals(table)).toList();
      if (ofTable.stream().anyMatch(c -> !c.done())) {
        throw new IllegalStateException("The backup in " + dir + " lacks chunk files of " + table);
      }
      List<Chunk> progress = saved.get(table);
      if (progress == null) {
        toSave.addAll(ofTable);
      }
      for (Chunk c : ofTable) {
        boolean restoredDone = progress != null && progress.get(c.number()).done();
        chunks.add(
            new Chunk(
                c.table(),
                c.number(),
                c.lo(),
                c.hi(),
                c.copiedRows(),
                c.copiedRows(),
                restoredDone,
                c.sourceHash(),
                c.snapshot(),
                null));
      }
    }
    if (!toSave.isEmpty()) {
      Checkpoints.savePlan(target, toSave); // one transaction for every new table's plan
    }
    boolean tabSeparated =
        backedUp.stream().anyMatch(c -> DumpFiles.tabSeparated(DumpFiles.chunkFile(dir, c)));
    if (tabSeparated && (!options.loadData || Jdbc.number(target, "SELECT @@local_infile") != 1)) {
      throw new IllegalStateException(
          "The backup's tab-separated chunk files are loaded with LOAD DATA LOCAL"
              + " INFILE, which "
              + (options.loadData
                  ? "the target server refuses (local_infile=OFF): set" + " local_infile=ON on it"
                  : "--no-load-data forbids: restore without --no-load-data")
              + ", or make the backup again with --no-load-data (INSERT chunk files)");
    }
    List<SchemaObject> objects = ObjectFiles.read(dir);
    Schema schema =
        new Schema(
            dump.database(),
            dump.charset(),
            dump.collation(),
            dump.tables().stream().map(byName::get).toList(),
            ObjectFiles.ofKind(objects, "VIEW"),
            ObjectFiles.ofKind(objects, "TRIGGER"),
            ObjectFiles.ofKind(objects, "PROCEDURE", "FUNCTION"),
            ObjectFiles.ofKind(objects, "EVENT"),
            sequences,
            List.of());
    return new Plan(schema, chunks, dump.sourceVersion(), Preparation.version(target), resumed);
  }

  /** The sequences the backup recorded (none in a directory written before they were copied). */
  private List<Sequence> sequences() throws IOException {
    Path file = dir.resolve(DumpFiles.SEQUENCES);
    return Files.exists(file) ? Sequence.fromProperties(DumpFiles.read(file)) : List.of();
  }

  /** Every table's {@code CREATE TABLE} from its schema file, by table name. */
  private Map<String, String> createStatements(DumpPlan dump) throws IOException {
    Map<String, String> creates = new LinkedHashMap<>();
    for (String table : dump.tables()) {
      String create = Files.readString(DumpFiles.schemaFile(dir, table)).strip();
      // a directory written before the sequences' names were unqualified names the source's
      creates.put(
          table, Sequence.ownNamesUnqualified(create.replaceFirst(";$", ""), dump.database()));
    }
    return creates;
  }

  private Void objects(Schema schema, List<String> notes, boolean events) throws SQLException {
    TargetObjects objects =
        new TargetObjects(
            BackupHost.target(host.injector()).connection(),
            options.definerDenied,
            options.targetUser,
            schema.database());
    if (events) {
      objects.createEvents(schema);
    } else {
      objects.createAllButEvents(schema);
    }
    notes.addAll(objects.notes());
    return null;
  }
}
