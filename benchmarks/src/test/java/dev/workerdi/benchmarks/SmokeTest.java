package dev.workerdi.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.benchmarks.figures.Figures;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure once, with tiny sizes, against an embedded MariaDB: the harness works end to end and
 * writes its results and plots. Measures nothing (the numbers of a smoke run mean nothing); the
 * measurements run with {@code -Pbench}.
 */
class SmokeTest {

  @Test
  void everyFigureRunsOnceAndTheResultsAreWritten(@TempDir Path dir) throws Exception {
    List<FigureResult> results = Bench.run(BenchConfig.smoke(dir), Figures.all());

    assertEquals(
        10,
        results.size(),
        "one result per figure (10, the Galera cluster, only says it is skipped here)");
    for (FigureResult result : results) {
      assertTrue(!result.rows().isEmpty(), "figure " + result.id() + " wrote no line");
      for (Row row : result.rows()) {
        assertTrue(
            row.verdict() != Row.Verdict.FAILED,
            "figure " + row.figure() + " failed: " + row.product());
      }
    }
    String markdown = Files.readString(dir.resolve("RESULTS.md"));
    for (int figure = 1; figure <= 9; figure++) {
      assertTrue(
          markdown.contains("\n| " + figure + " | "), "RESULTS.md has no line of figure " + figure);
    }
    assertTrue(
        markdown.contains("](fanout-timeline.svg)") && markdown.contains("](throughput.svg)"),
        "plots linked");
    assertTrue(
        Files.readString(dir.resolve("fanout-timeline.svg")).startsWith("<svg"), "timeline plot");
    assertTrue(
        Files.readString(dir.resolve("throughput.svg")).startsWith("<svg"), "throughput plot");
  }
}
