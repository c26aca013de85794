package dev.workerdi.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What one figure produced: its table lines, notes (method, details, why a target was missed) and
 * any plots written. Mutable while the figure runs; not thread-safe.
 */
public final class FigureResult {
  private final String id;
  private final String title;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> plots = new ArrayList<>();
  private final List<String> findings = new ArrayList<>();
  private double seconds;
  private String load = "?";

  public FigureResult(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public FigureResult row(Row row) {
    rows.add(row);
    return this;
  }

  /** A paragraph of Markdown under the figure's heading. */
  public FigureResult note(String markdown) {
    notes.add(markdown);
    return this;
  }

  /** A performance finding about the library, for the findings section (Markdown). */
  public FigureResult finding(String markdown) {
    findings.add(markdown);
    return this;
  }

  public List<String> findings() {
    return findings;
  }

  /** A plot file (relative to the results file) with its caption. */
  public FigureResult plot(String file, String caption) {
    plots.add("![" + caption + "](" + file + ")");
    return this;
  }

  public List<Row> rows() {
    return rows;
  }

  public List<String> notes() {
    return notes;
  }

  public List<String> plots() {
    return plots;
  }

  public double seconds() {
    return seconds;
  }

  public void seconds(double seconds) {
    this.seconds = seconds;
  }

  /** The load average (1, 5, 15 min) when the figure started. */
  public String load() {
    return load;
  }

  public void load(String load) {
    this.load = load;
  }

  /** Whether any line missed its target. */
  public boolean missed() {
    return rows.stream().anyMatch(row -> row.verdict() == Row.Verdict.MISSED);
  }
}
