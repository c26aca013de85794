package dev.workerdi.benchmarks.figures;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.benchmarks.Hosts;
import dev.workerdi.benchmarks.Interleaved;
import dev.workerdi.benchmarks.Interleaved.Op;
import dev.workerdi.benchmarks.Interleaved.Variant;
import dev.workerdi.benchmarks.jmh.StubDriver;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.benchmarks.report.Target;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.Di;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 9: a {@code @Transactional} method doing one UPDATE against the same UPDATE with a
 * hand-written {@code setAutoCommit(false)} / {@code commit()} / {@code setAutoCommit(true)}, each
 * a whole request (one coroutine, its lease) on the same pool and row.
 */
public final class TransactionFigure implements Figure {
  private static final String UPDATE = "UPDATE counters SET n = n + 1 WHERE id = 1";

  @Override
  public String id() {
    return "9";
  }

  @Override
  public String title() {
    return "Declarative transactions";
  }

  /** The application's side: a Guice-built object with a transactional method. */
  static class Counter {
    @Inject
    @Named("tx")
    Provider<Connection> connection;

    @Transactional(database = "tx")
    void increment() throws SQLException {
      Sql.run(connection.get(), UPDATE);
    }
  }

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    String db = context.server().createDatabase("tx");
    WorkerHost host =
        Hosts.start(
            1,
            JdbcModule.named(
                "tx", Hosts.settings(context.server(), db, "tx", 4, ResetPolicy.TRACKED)),
            counterModule());
    int ops = context.size(3_000, 600, 10);
    int rounds = context.size(7, 3, 1);
    try {
      Hosts.fill(host, "tx", 4);
      Hosts.call(
          host,
          0,
          () -> {
            Sql.run(
                host.injector().getInstance(Key.get(Connection.class, Names.named("tx"))),
                "CREATE TABLE counters (id INT PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO counters VALUES (1, 0)");
            return null;
          });
      double[][] nanos =
          Hosts.call(
              host,
              0,
              () ->
                  Interleaved.measure(
                      requests(WorkerContext.current().orElseThrow(), host.injector(), ops),
                      rounds,
                      context.size(1, 1, 0)));
      out.row(row("one UPDATE in a transaction, µs/request", nanos, Target.atMost(1.05)));
      out.note(
          String.format(
              Locale.ROOT,
              "Figure 9: %d requests per variant per run, %d runs interleaved, one "
                  + "coroutine each on worker 0's TRACKED pool of 4, the same row. Both sides send the same four statements "
                  + "(`SET autocommit=0`, the UPDATE, `COMMIT`, `SET autocommit=1`); the annotated side adds the Guice "
                  + "interceptor, the coroutine check and the rollback rules, and nothing that reaches the server.",
              ops,
              rounds));
    } finally {
      Hosts.stop(host);
      context.server().dropDatabase(db);
    }
    stub(context, out);
  }

  /**
   * The same two requests on a pool of stub connections (no server, UNSAFE_NONE), so that what the
   * annotation adds is not lost in the commit's disk flush: its cost in CPU alone.
   */
  private void stub(BenchContext context, FigureResult out) throws Exception {
    Di di = Di.create();
    Injector injector =
        Guice.createInjector(di.module(), JdbcModule.named("tx", stubSettings()), counterModule());
    WorkerContext worker = WorkerContext.create(0, "fig9-stub");
    int ops = context.size(200_000, 50_000, 100);
    int rounds = context.size(7, 3, 1);
    try {
      double[][] nanos =
          Interleaved.measure(requests(worker, injector, ops), rounds, context.size(2, 1, 0));
      Spread annotated = Spread.of(Interleaved.micros(nanos[0]));
      Spread byHand = Spread.of(Interleaved.micros(nanos[1]));
      out.row(
          row(
              "the same, stub driver (no server, UNSAFE_NONE), µs/request",
              nanos,
              Target.report()));
      out.note(
          String.format(
              Locale.ROOT,
              "Figure 9 (stub driver): %d requests per variant per run, %d runs "
                  + "interleaved, no server: the annotation adds %.2f µs of CPU per transaction (the Guice interceptor, "
                  + "the coroutine check, the scoped lease lookup and the transaction frame) to a request that costs %s µs "
                  + "by hand.",
              ops,
              rounds,
              annotated.median() - byHand.median(),
              byHand.format()));
    } finally {
      worker.close();
      di.close();
    }
  }

  private static AbstractModule counterModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Counter.class);
      }
    };
  }

  /** The two requests, {@code @Transactional} and by hand, each a coroutine of {@code worker}. */
  private static List<Variant> requests(WorkerContext worker, Injector injector, int ops) {
    Counter counter = injector.getInstance(Counter.class);
    Provider<Connection> connections =
        injector.getProvider(Key.get(Connection.class, Names.named("tx")));
    Op annotated =
        () -> {
          try (CoroutineContext coroutine = worker.openCoroutine()) {
            counter.increment();
          }
        };
    Op byHand =
        () -> {
          try (CoroutineContext coroutine = worker.openCoroutine()) {
            handWritten(connections.get());
          }
        };
    return List.of(
        new Variant("@Transactional", ops, annotated), new Variant("hand-written", ops, byHand));
  }

  /** The row of the annotated requests against those by hand, from their {@code nanos}. */
  private Row row(String measure, double[][] nanos, Target target) {
    return Row.of(
        id(),
        measure,
        "@Transactional method " + Spread.of(Interleaved.micros(nanos[0])).format(),
        "hand-written commit " + Spread.of(Interleaved.micros(nanos[1])).format(),
        "annotated ÷ by hand",
        Spread.ratios(nanos[0], nanos[1]),
        target);
  }

  private static JdbcSettings stubSettings() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", StubDriver.PREFIX + "fig9");
    map.put("driverClassName", StubDriver.class.getName());
    map.put("poolName", "stub");
    map.put("maximumPoolSize", 4);
    map.put("minimumIdle", 4);
    map.put("workerdi.resetPolicy", "UNSAFE_NONE");
    map.put("workerdi.reserve", 0);
    return JdbcSettings.fromMap(map);
  }

  /** What an application writes without the annotation. */
  private static void handWritten(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try {
      Sql.run(connection, UPDATE);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
