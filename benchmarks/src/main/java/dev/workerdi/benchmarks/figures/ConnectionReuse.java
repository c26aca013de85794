package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.Hosts;
import dev.workerdi.benchmarks.Interleaved;
import dev.workerdi.benchmarks.Interleaved.Op;
import dev.workerdi.benchmarks.Interleaved.Variant;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.benchmarks.report.Target;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;

/**
 * Figure 4: a short query on a lease of the worker's pool against the same query on a new
 * connection opened (and closed) for it, as code without a pool does.
 */
public final class ConnectionReuse implements Figure {
  @Override
  public String id() {
    return "4";
  }

  @Override
  public String title() {
    return "Connection reuse";
  }

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    String db = context.server().createDatabase("reuse");
    WorkerHost host =
        Hosts.start(
            1,
            JdbcModule.named(
                "reuse", Hosts.settings(context.server(), db, "reuse", 4, ResetPolicy.TRACKED)));
    int leased = context.size(3_000, 1_000, 20);
    int fresh = context.size(300, 100, 5);
    int rounds = context.size(7, 3, 1);
    String url = context.server().jdbcUrl(db);
    String user = context.server().user();
    String password = context.server().password();
    try {
      Hosts.fill(host, "reuse", 4);
      double[][] nanos =
          Hosts.call(
              host,
              0,
              () -> {
                Leases leases = new Leases(host, "reuse");
                Op connect =
                    () -> {
                      try (Connection connection =
                          DriverManager.getConnection(url, user, password)) {
                        Sql.run(connection, "SELECT 1");
                      }
                    };
                return Interleaved.measure(
                    List.of(
                        new Variant("lease", leased, leases.op("SELECT 1")),
                        new Variant("new connection", fresh, connect)),
                    rounds,
                    context.size(1, 1, 0));
              });
      Spread lease = Spread.of(Interleaved.micros(nanos[0]));
      Spread connect = Spread.of(Interleaved.micros(nanos[1]));
      out.row(
          Row.of(
              id(),
              "short query (SELECT 1), µs",
              "lease (TRACKED) " + lease.format(),
              "new connection per query " + connect.format(),
              "new ÷ lease",
              Spread.ratios(nanos[1], nanos[0]),
              Target.report()));
      out.note(
          String.format(
              Locale.ROOT,
              "Figure 4: %d leased and %d fresh-connection queries per run, %d runs "
                  + "interleaved; the fresh side is `DriverManager.getConnection` (Connector/J, the same URL and user, TCP "
                  + "on 127.0.0.1, authentication and the driver's session set-up) + `SELECT 1` + `close()`.",
              leased,
              fresh,
              rounds));
    } finally {
      Hosts.stop(host);
      context.server().dropDatabase(db);
    }
  }
}
