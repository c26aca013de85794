package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import dev.workerdi.jdbc.FanOut;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first coroutine of a run, on one source and one target lease: reads the source's schema, then
 * either starts a backup (the target must be empty: creates the checkpoint table) or resumes one
 * (the checkpoints must be of this source). The sequences are (re)created and set to the source's
 * state, on a resumed run too. Each table without a saved plan is planned, then (re)created from
 * {@code SHOW CREATE TABLE} (several at once, through the target's {@code FanOut}; without its
 * plain secondary keys when it has more than one chunk and the schema allows it, see {@link
 * DeferredIndexes}: a table of one chunk gets them at once, which costs less than an {@code ALTER
 * TABLE} after), and the new plans are saved in one transaction after the tables exist (a crash
 * before that commit leaves tables without a plan, which the next run creates again); a table
 * without a key that was not finished is emptied, to be copied again. Stateless.
 */
final class Preparation {
  private Preparation() {}

  static Plan run(Injector injector, BackupOptions options) throws SQLException {
    Connection source = BackupHost.source(injector).connection();
    Connection target = BackupHost.target(injector).connection();
    Schema schema = SourceSchema.read(source, options.sourceDatabase);
    boolean resumed =
        startOrResume(
            target,
            options,
            options.sourceDatabase,
            "backup",
            " and no unfinished backup to resume: pass --fresh (fresh(true)) to replace them,"
                + " or choose another target database");
    Map<String, List<Chunk>> saved = Checkpoints.load(target, schema.tables());
    List<Chunk> chunks = new ArrayList<>();
    boolean deferred =
        DeferredIndexes.allowed(schema.tables().stream().map(Table::createSql).toList());
    for (Sequence sequence : schema.sequences()) {
      sequence.create(target); // before the tables: a column's default may name it
    }
    List<Chunk> planned = new ArrayList<>();
    Map<String, String> creates = new LinkedHashMap<>();
    for (Table table : schema.tables()) {
      List<Chunk> plan = saved.get(table.name());
      if (plan == null) {
        plan = ChunkPlanner.plan(source, table, options.chunkRows);
        creates.put(
            table.name(), DeferredIndexes.forCreation(table.createSql(), deferred, plan.size()));
        planned.addAll(plan);
      } else if (!table.keyed() && !plan.get(0).done()) {
        if (table.versioned()) { // the server refuses TRUNCATE of a system-versioned table
          Jdbc.execute(target, "DROP TABLE " + table.quoted());
          Jdbc.execute(target, table.createSql());
        } else {
          Jdbc.execute(target, "TRUNCATE TABLE " + table.quoted());
        }
      }
      chunks.addAll(plan);
    }
    createTables(injector, creates, resumed, options);
    if (!planned.isEmpty()) {
      Checkpoints.savePlan(target, planned);
    }
    return new Plan(schema, chunks, version(source), version(target), resumed);
  }

  /**
   * Creates the tables ({@code name -> CREATE TABLE}) on the target, each dropped first when {@code
   * resumed} (a new run's target has no tables: {@link #startOrResume} checked): in as many slices
   * at once, through the target's {@code FanOut}, as the worker's pool has connections besides the
   * calling coroutine's own lease, so that no slice waits for a connection. Call it in a coroutine
   * that holds one target lease.
   */
  static void createTables(
      Injector injector, Map<String, String> creates, boolean resumed, BackupOptions options) {
    int slices = Math.max(1, Math.min(creates.size(), BackupHost.poolSize(options) - 1));
    List<List<Map.Entry<String, String>>> sliced = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      sliced.add(new ArrayList<>());
    }
    int next = 0;
    for (Map.Entry<String, String> create : creates.entrySet()) {
      sliced.get(next++ % slices).add(create);
    }
    List<FanOut.Task<Void>> tasks = new ArrayList<>();
    for (List<Map.Entry<String, String>> slice : sliced) {
      if (!slice.isEmpty()) {
        tasks.add(
            c -> {
              for (Map.Entry<String, String> create : slice) {
                create(c, create.getKey(), create.getValue(), resumed);
              }
              return null;
            });
      }
    }
    if (tasks.isEmpty()) {
      return;
    }
    try {
      injector.getInstance(SideFanOut.Target.class).run(tasks, Duration.ofHours(12));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the tables", e);
    }
  }

  private static void create(Connection target, String name, String create, boolean resumed)
      throws SQLException {
    try {
      if (resumed) {
        Jdbc.execute(target, "DROP TABLE IF EXISTS " + Jdbc.q(name));
      }
      Jdbc.execute(target, create);
    } catch (SQLException e) {
      throw new SQLException(
          "Cannot create the table " + name + " in the target: " + e.getMessage(),
          e.getSQLState(),
          e.getErrorCode(),
          e);
    }
  }

  /**
   * Resumes the run whose checkpoints the target holds, which must be of {@code sourceDatabase}, or
   * starts one: the target must then have no tables, and gets the checkpoint table.
   *
   * @param unfinished what an unfinished run in the target may be, for the message
   * @param noResume the end of the message when the target has tables but no checkpoints
   * @return whether the run resumes
   */
  static boolean startOrResume(
      Connection target,
      BackupOptions options,
      String sourceDatabase,
      String unfinished,
      String noResume)
      throws SQLException {
    if (Checkpoints.exists(target)) {
      String of = Checkpoints.sourceDatabase(target);
      if (!of.equals(sourceDatabase)) {
        throw new IllegalStateException(
            "The target database "
                + options.targetDatabase
                + " holds an unfinished "
                + unfinished
                + " of "
                + of
                + ", not of "
                + sourceDatabase
                + ": use another target, or --fresh");
      }
      return true;
    }
    List<String> present =
        Jdbc.strings(
            target,
            "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME LIMIT 5");
    if (!present.isEmpty()) {
      throw new IllegalStateException(
          "The target database "
              + options.targetDatabase
              + " already has tables "
              + present
              + noResume);
    }
    Checkpoints.create(target, sourceDatabase);
    return false;
  }

  static String version(Connection connection) throws SQLException {
    return Jdbc.strings(connection, "SELECT VERSION()").get(0);
  }
}
