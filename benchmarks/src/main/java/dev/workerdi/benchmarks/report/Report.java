package dev.workerdi.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes RESULTS.md: how it was measured, the table of every figure, then each figure's notes and
 * plots.
 */
public final class Report {
  private Report() {}

  /**
   * Writes {@code file}.
   *
   * @param header lines of the header (command, date, machine, load), in order, as label to value
   * @param figures every figure's result, in order
   */
  public static void write(
      Path file, String command, Map<String, String> header, List<FigureResult> figures)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append(
        "Produced by one command (the whole run; it rewrites this file and the plots next to it):\n\n");
    md.append("```bash\n").append(command).append("\n```\n\n");
    md.append(
        "Quick mode for development (about 3 minutes, written to `benchmarks/target/bench-quick/`): add "
            + "`-Dbench.quick=true`. Another server instead of the embedded MariaDB: "
            + "`-Dbench.url=jdbc:mysql://127.0.0.1:3306/ -Dbench.user=root` (password in `WORKERDI_JDBC_PASSWORD`). "
            + "Some figures only: `-Dbench.only=1,2`.\n\n");
    header.forEach(
        (label, value) ->
            md.append("- **").append(label).append(":** ").append(value).append('\n'));
    md.append(
        "\nEvery ratio is measured side by side in the same run: same server, same database and data, same "
            + "pool sizes on both sides, variants interleaved run by run. Values are the median with [min–max] over "
            + "the runs; a target is judged on the median.\n\n");
    md.append("## Results\n\n");
    md.append("| # | measure | workerdi | baseline | ratio | target | met |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (FigureResult figure : figures) {
      for (Row row : figure.rows()) {
        md.append("| ")
            .append(row.figure())
            .append(" | ")
            .append(cell(row.measure()))
            .append(" | ")
            .append(cell(row.product()))
            .append(" | ")
            .append(cell(row.baseline()))
            .append(" | ")
            .append(cell(row.ratioText()))
            .append(" | ")
            .append(cell(row.target().text()))
            .append(" | ")
            .append(row.verdict())
            .append(" |\n");
      }
    }
    md.append('\n');
    for (FigureResult figure : figures) {
      md.append("## ").append(figure.id()).append(". ").append(figure.title()).append("\n\n");
      for (String note : figure.notes()) {
        md.append(note).append("\n\n");
      }
      for (String plot : figure.plots()) {
        md.append(plot).append("\n\n");
      }
      md.append(
          String.format(
              java.util.Locale.ROOT,
              "_Measured in %.0f s; load average (1, 5, 15 min) at its start: " + "%s._%n%n",
              figure.seconds(),
              figure.load()));
    }
    List<String> findings =
        figures.stream()
            .flatMap(
                figure ->
                    figure.findings().stream()
                        .map(finding -> "- (figure " + figure.id() + ") " + finding))
            .toList();
    if (!findings.isEmpty()) {
      md.append("## Library performance findings\n\n");
      md.append(
          "What the figures show about the library's own costs (nothing here was changed in the library; "
              + "class and method names point at where the time goes).\n\n");
      for (String finding : findings) {
        md.append(finding).append('\n');
      }
      md.append('\n');
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
