package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.report.FigureResult;

/** One figure of the results: measures its two sides and writes its lines, notes and plots. */
public interface Figure {

  /** The figure's number, such as {@code "3"}. */
  String id();

  /** The figure's title. */
  String title();

  /** Measures and records into {@code out}. */
  void run(BenchContext context, FigureResult out) throws Exception;
}
