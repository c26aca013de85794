package dev.workerdi.benchmarks;

import dev.workerdi.benchmarks.figures.BenchContext;
import dev.workerdi.benchmarks.figures.Figure;
import dev.workerdi.benchmarks.figures.Figures;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Report;
import dev.workerdi.benchmarks.report.Row;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every figure against one server and rewrites {@code RESULTS.md} and the plots. Options are
 * system properties (see {@link BenchConfig}); run it with {@code ./mvnw -q -pl benchmarks -am
 * -Pbench verify -DskipTests}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    List<FigureResult> results = run(config, Figures.all());
    boolean failed =
        results.stream()
            .flatMap(r -> r.rows().stream())
            .anyMatch(r -> r.verdict() == Row.Verdict.FAILED);
    System.exit(failed ? 1 : 0);
  }

  /** Runs {@code figures} (those {@code config} selects) and writes the results; returns them. */
  public static List<FigureResult> run(BenchConfig config, List<Figure> figures) throws Exception {
    long started = System.nanoTime();
    String loadBefore = Machine.loadAverage();
    String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    log("workerdi benchmarks, " + config + ", load average " + loadBefore);
    List<FigureResult> results = new ArrayList<>();
    Map<String, String> header = new LinkedHashMap<>();
    try (BenchServer server = BenchServer.open(config)) {
      log("server: " + server.describe());
      BenchContext context = new BenchContext(config, server);
      for (Figure figure : figures) {
        if (config.runs(figure.id())) {
          results.add(runOne(figure, context));
        }
      }
      double minutes = (System.nanoTime() - started) / 60e9;
      header.put("Date", date);
      header.put(
          "Mode",
          config.smoke()
              ? "smoke test"
              : config.quick() ? "quick (short sizes, for development only)" : "full");
      header.put("Machine", Machine.cores() + " cores, " + Machine.memory() + ", " + Machine.os());
      header.put("JDK", Machine.jdk());
      header.put("Server", server.describe());
      header.put(
          "Load average (1, 5, 15 min)",
          "at start "
              + loadBefore
              + "; at end "
              + Machine.loadAverage()
              + " (the run's own server and client threads raise it while it runs; the value at the start tells "
              + "whether the machine was quiet)");
      header.put(
          "Duration",
          String.format(
              Locale.ROOT,
              "%.1f min (figures only; the build before it adds about a " + "minute)",
              minutes));
    }
    Path file = config.outputDir().resolve("RESULTS.md");
    Report.write(file, config.command(), header, results);
    log("wrote " + file);
    for (FigureResult result : results) {
      for (Row row : result.rows()) {
        log(
            String.format(
                Locale.ROOT,
                "%-2s %-60s %-40s %-10s %s",
                row.figure(),
                row.measure(),
                row.ratioText(),
                row.target().text(),
                row.verdict()));
      }
    }
    return results;
  }

  private static FigureResult runOne(Figure figure, BenchContext context) {
    FigureResult result = new FigureResult(figure.id(), figure.title());
    long started = System.nanoTime();
    result.load(Machine.loadAverage());
    log("figure " + figure.id() + ": " + figure.title() + " (load " + Machine.loadAverage() + ")");
    try {
      figure.run(context, result);
    } catch (Exception | Error e) {
      e.printStackTrace();
      result.row(
          Row.failed(
              figure.id(), figure.title(), e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    result.seconds((System.nanoTime() - started) / 1e9);
    log(String.format(Locale.ROOT, "figure %s done in %.1f s", figure.id(), result.seconds()));
    return result;
  }

  static void log(String line) {
    System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    System.out.flush();
  }
}
